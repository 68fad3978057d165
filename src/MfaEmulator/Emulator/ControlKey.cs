using System.Security.Cryptography;
using System.Text;
using MfaEmulator.Common.Errors;

namespace MfaEmulator.Emulator;

/// <summary>
/// With <c>--control-key</c>, the control routes (all but health) need <c>X-Emulator-Key</c>. Without one the
/// emulator refuses to listen beyond loopback: anyone who can reach the control routes can read every secret.
/// </summary>
internal static class ControlKey
{
    public const string Header = "X-Emulator-Key";

    public static IApplicationBuilder UseControlKey(this IApplicationBuilder app, EmulatorOptions options) => app.Use(async (context, next) =>
    {
        if (options.ControlKey is { Length: > 0 } key
            && context.Request.Path.StartsWithSegments("/_emulator")
            && !context.Request.Path.StartsWithSegments("/_emulator/health")
            && !Matches(context.Request.Headers[Header].ToString(), key))
        {
            await ApiFamilies.For(context).WriteAsync(context, ControlErrors.ControlKeyRequired(Header));
            return;
        }
        await next(context);
    });

    private static bool Matches(string given, string key) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Null when the listen addresses are acceptable; otherwise why the emulator will not start.</summary>
    public static string? RefusalFor(IEnumerable<string> urls, EmulatorOptions options)
    {
        if (options.ControlKey is { Length: > 0 })
        {
            return null;
        }
        var exposed = urls.FirstOrDefault(url => !IsLoopback(url));
        return exposed is null ? null : $"Refusing to listen on {exposed} without --control-key: the control routes expose every secret. Give --control-key KEY or listen on 127.0.0.1.";
    }

    private static bool IsLoopback(string url)
    {
        var host = BindingAddress.Parse(url).Host;
        return host is "localhost" || System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip);
    }
}
