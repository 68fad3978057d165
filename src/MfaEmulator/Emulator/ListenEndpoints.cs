using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MfaEmulator.Emulator;

/// <summary>
/// Where the emulator listens: the main addresses (<c>--urls</c>: REST, gRPC-web, Swagger, control routes) and the
/// native gRPC addresses (<c>--grpc-urls</c>). Native gRPC in cleartext needs HTTP/2 with prior knowledge, which
/// Kestrel serves only on an endpoint whose protocols are HTTP/2 alone (grpc/grpc-dotnet#979), so it gets its own
/// port. Kestrel ignores <c>UseUrls</c> once any endpoint is configured in code, so both lists are bound here.
/// </summary>
internal sealed class ListenEndpoints
{
    private readonly List<ListenOptions> _grpc = [];

    /// <summary>The native gRPC addresses as bound (port 0 resolved), once the server has started.</summary>
    public IReadOnlyList<string> GrpcAddresses => [.. _grpc.Select(Address)];

    /// <summary>The main addresses as bound: every bound address but the native gRPC ones.</summary>
    public IReadOnlyList<string> MainAddresses(IServer server) => [.. HealthEndpoints.BoundAddresses(server).Except(GrpcAddresses)];

    public void Configure(KestrelServerOptions kestrel, IConfiguration configuration)
    {
        // Kestrel:Endpoints in configuration name the main addresses instead of --urls, as in any ASP.NET app.
        var configured = configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        foreach (var url in configured ? [] : MainUrls(configuration))
        {
            Listen(kestrel, url, "--urls", HttpProtocols.Http1, _ => { });
        }
        foreach (var url in GrpcUrls(configuration))
        {
            Listen(kestrel, url, "--grpc-urls", HttpProtocols.Http2, _grpc.Add);
        }
    }

    /// <summary>The addresses <c>--urls</c> names (or the default).</summary>
    public static string[] MainUrls(IConfiguration configuration) => Split(configuration["urls"], EmulatorOptions.DefaultUrl);

    /// <summary>The addresses <c>--grpc-urls</c> names (or the default; none for <c>none</c>).</summary>
    public static string[] GrpcUrls(IConfiguration configuration) =>
        Split(configuration[$"{EmulatorOptions.Section}:GrpcUrls"], EmulatorOptions.DefaultGrpcUrl);

    /// <summary>The URLs of one option, split as ASP.NET splits <c>--urls</c>; <c>none</c> turns native gRPC off.</summary>
    private static string[] Split(string? value, string fallback)
    {
        var given = string.IsNullOrWhiteSpace(value) ? fallback : value;
        return given.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)
            ? []
            : given.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static void Listen(KestrelServerOptions kestrel, string url, string option, HttpProtocols protocols, Action<ListenOptions> bound)
    {
        var address = Parse(url, option);
        void Configure(ListenOptions listen)
        {
            listen.Protocols = protocols;
            bound(listen);
        }
        if (address.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(address.Port, Configure);
        }
        else if (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
        {
            kestrel.Listen(ip, address.Port, Configure);
        }
        else
        {
            // ASP.NET's rule for *, + and any other host name: every interface.
            kestrel.ListenAnyIP(address.Port, Configure);
        }
    }

    public static BindingAddress Parse(string url, string option)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            throw new StartupException($"{option} {url}: not a URL like http://127.0.0.1:5080");
        }
        if (address.Scheme != "http")
        {
            throw new StartupException($"{option} {url}: only http:// is served (the emulator has no certificate)");
        }
        if (!EndsWithPort(url))
        {
            throw new StartupException($"{option} {url}: needs a port from 0 to 65535");
        }
        if (address.Port == 0 && address.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            throw new StartupException($"{option} {url}: port 0 needs an IP address, e.g. http://127.0.0.1:0");
        }
        return address;
    }

    /// <summary>
    /// Whether the URL ends in ":" and digits, with or without a final slash (BindingAddress reads a missing port as 80).
    /// Not a regular expression: building one cost the start ~5 ms, before the emulator could listen.
    /// </summary>
    private static bool EndsWithPort(string url)
    {
        var rest = url.AsSpan();
        rest = rest.EndsWith('/') ? rest[..^1] : rest;
        var digits = rest.Length - rest.TrimEnd("0123456789").Length;
        return digits > 0 && rest.Length > digits && rest[^(digits + 1)] == ':';
    }

    private static string Address(ListenOptions listen) => listen.IPEndPoint is { } endPoint
        ? $"http://{(endPoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]" : endPoint.Address.ToString())}:{endPoint.Port}"
        : listen.ToString() ?? "";
}
