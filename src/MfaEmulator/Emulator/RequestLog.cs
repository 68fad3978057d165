using System.Diagnostics;

namespace MfaEmulator.Emulator;

/// <summary>One log line per request: method, path (never the query, where secrets may travel), status and time.</summary>
internal sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var milliseconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
            var path = context.Request.Path.Value ?? "/";
            LogRequest(logger, context.Request.Method, path, context.Response.StatusCode, milliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Status} in {Milliseconds} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, int status, double milliseconds);
}
