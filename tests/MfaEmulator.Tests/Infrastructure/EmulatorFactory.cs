using MfaEmulator.Common.Clock;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MfaEmulator.Tests.Infrastructure;

/// <summary>The emulator in lenient mode (the default), in memory, one instance per test class.</summary>
public class EmulatorFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = [];

    public EmulatorFactory()
    {
    }

    /// <summary>An emulator started with extra options, as <c>Emulator:StateFile</c> for <c>--state-file</c>.</summary>
    internal EmulatorFactory(IReadOnlyDictionary<string, string?> settings)
    {
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    protected virtual bool Strict => false;

    internal EmulatorClock Clock => Services.GetRequiredService<EmulatorClock>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Emulator:Strict", Strict ? "true" : "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseEnvironment("Testing");
    }
}

/// <summary>The emulator started with <c>--strict</c>.</summary>
public sealed class StrictEmulatorFactory : EmulatorFactory
{
    protected override bool Strict => true;
}
