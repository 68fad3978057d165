using MfaEmulator.Common.Clock;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MfaEmulator.Tests.Infrastructure;

/// <summary>The emulator in lenient mode (the default), in memory, one instance per test class.</summary>
public class EmulatorFactory : WebApplicationFactory<Program>
{
    protected virtual bool Strict => false;

    internal EmulatorClock Clock => Services.GetRequiredService<EmulatorClock>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Emulator:Strict", Strict ? "true" : "false");
        builder.UseEnvironment("Testing");
    }
}

/// <summary>The emulator started with <c>--strict</c>.</summary>
public sealed class StrictEmulatorFactory : EmulatorFactory
{
    protected override bool Strict => true;
}
