using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MfaEmulator.Testing;

/// <summary>What the emulator starts with; every setting of the command line, in code.</summary>
public sealed record MfaEmulatorSettings
{
    /// <summary>Only issued credentials and the vendors' permission rules (<c>--strict</c>).</summary>
    public bool Strict { get; init; }

    /// <summary>A seed document (the <c>--seed</c> file's JSON), written to a temporary file for the start.</summary>
    public string? SeedJson { get; init; }

    /// <summary>Repeatable ids, seeds and tokens (<c>--random-seed</c>).</summary>
    public int? RandomSeed { get; init; }

    /// <summary>How many calls the journal keeps (<c>--journal-size</c>).</summary>
    public int? JournalSize { get; init; }
}

/// <summary>
/// The emulator in the test's own process, listening on a free loopback port: one call starts it, <see cref="BaseAddress"/>
/// is where to point the code under test, <see cref="Control"/> sets up and inspects it, and disposing stops it. Each
/// instance has its own state, so instances in one process never share anything. Works as an xunit class or
/// collection fixture (create it in the fixture, dispose it with the fixture) and from any other framework.
/// </summary>
public sealed class MfaEmulatorServer : IAsyncDisposable, IDisposable
{
    private readonly Host _host;
    private readonly string? _seedFile;

    private MfaEmulatorServer(Host host, string? seedFile, Uri baseAddress)
    {
        _host = host;
        _seedFile = seedFile;
        BaseAddress = baseAddress;
        Control = new MfaEmulatorControlClient(CreateClient());
        GrpcAddress = Control.GetGrpcAddressAsync().GetAwaiter().GetResult();
    }

    /// <summary>The emulator's base URL on loopback, e.g. http://127.0.0.1:40123/: REST, gRPC-web, Swagger UI, control routes.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// Where native gRPC (HTTP/2 without TLS) listens, on its own free loopback port, e.g. http://127.0.0.1:40124/:
    /// the address for ZITADEL's gRPC clients (gRPC-web goes to <see cref="BaseAddress"/>).
    /// </summary>
    public Uri GrpcAddress { get; }

    /// <summary>The control routes, typed: users, hosts, orgs, tokens, codes, clock, reset, faults, journal, verification.</summary>
    public MfaEmulatorControlClient Control { get; }

    /// <summary>A plain HttpClient with <see cref="BaseAddress"/>, for the calls the code under test would make.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    public static Task<MfaEmulatorServer> StartAsync(MfaEmulatorSettings? settings = null) => Task.Run(() => Start(settings ?? new MfaEmulatorSettings()));

    public static MfaEmulatorServer Start(MfaEmulatorSettings? settings = null)
    {
        settings ??= new MfaEmulatorSettings();
        string? seedFile = null;
        if (settings.SeedJson is not null)
        {
            seedFile = Path.Combine(Path.GetTempPath(), $"mfa-emulator-seed-{Guid.NewGuid():N}.json");
            File.WriteAllText(seedFile, settings.SeedJson);
        }
        var host = new Host(settings, seedFile);
        host.UseKestrel();
        host.StartServer();
        var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault() ?? throw new InvalidOperationException("The emulator bound no address.");
        return new MfaEmulatorServer(host, seedFile, new Uri(address.TrimEnd('/') + "/"));
    }

    public void Dispose()
    {
        _host.Dispose();
        if (_seedFile is not null)
        {
            File.Delete(_seedFile);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        if (_seedFile is not null)
        {
            File.Delete(_seedFile);
        }
    }

    private sealed class Host(MfaEmulatorSettings settings, string? seedFile) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("urls", "http://127.0.0.1:0");
            builder.UseSetting("Emulator:GrpcUrls", "http://127.0.0.1:0");
            builder.UseSetting("Emulator:Strict", settings.Strict ? "true" : "false");
            if (seedFile is not null)
            {
                builder.UseSetting("Emulator:SeedFile", seedFile);
            }
            if (settings.RandomSeed is { } seed)
            {
                builder.UseSetting("Emulator:RandomSeed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            if (settings.JournalSize is { } size)
            {
                builder.UseSetting("Emulator:JournalSize", size.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            builder.UseContentRoot(AppContext.BaseDirectory);
        }
    }
}
