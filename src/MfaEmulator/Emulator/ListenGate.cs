using Microsoft.AspNetCore.Hosting.Server;

namespace MfaEmulator.Emulator;

/// <summary>
/// Holds requests off (503) from the moment Kestrel binds until the emulator has checked the addresses it really
/// bound, whatever configuration source named them (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>Kestrel:Endpoints</c>):
/// without a control key, nothing may be served beyond loopback.
/// </summary>
internal sealed class ListenGate
{
    private volatile bool _open;

    public void Open() => _open = true;

    public static IApplicationBuilder UseListenGate(IApplicationBuilder app, ListenGate gate) => app.Use((context, next) =>
    {
        if (gate._open)
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.Connection = "close";
        return Task.CompletedTask;
    });

    /// <summary>
    /// Starts listening, then opens only if every bound address is acceptable; otherwise stops and says why. The
    /// check runs as the host reports it has started, before anyone (a test host included) is told so.
    /// </summary>
    public static string? StartChecked(WebApplication app, EmulatorOptions options)
    {
        string? refusal = null;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            refusal = ControlKey.RefusalFor(HealthEndpoints.BoundAddresses(app.Services.GetRequiredService<IServer>()), options);
            if (refusal is null)
            {
                app.Services.GetRequiredService<ListenGate>().Open();
            }
        });
        app.Start();
        if (refusal is not null)
        {
            app.StopAsync().GetAwaiter().GetResult();
        }
        return refusal;
    }
}
