using System.Diagnostics;
using MfaEmulator.Common.Errors;

namespace MfaEmulator.Emulator;

/// <summary>
/// Records each call to an emulated API (not the emulator's own routes or its documentation), secrets redacted.
/// It reads what the body middleware already holds, keeps at most <see cref="MaxBodyBytes"/> of it, and never
/// lets a failure of its own reach the response.
/// </summary>
internal sealed partial class JournalMiddleware(RequestDelegate next, RequestJournal journal, TimeProvider clock, ILogger<JournalMiddleware> logger)
{
    public const int MaxBodyBytes = 4096;
    private static readonly string[] NotJournaled = ["/_emulator", "/openapi", "/swagger", "/favicon.ico"];

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (journal.Capacity == 0 || request.Path == "/" || NotJournaled.Any(p => request.Path.StartsWithSegments(p)))
        {
            await next(context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var at = clock.GetUtcNow();
        try
        {
            await next(context);
        }
        finally
        {
            Record(context, at, Stopwatch.GetElapsedTime(started));
        }
    }

    private void Record(HttpContext context, DateTimeOffset at, TimeSpan duration)
    {
        try
        {
            var request = context.Request;
            var body = ReceivedBody.Of(context)?.Bytes ?? ReadOnlyMemory<byte>.Empty;
            journal.Add(new JournalEntry(
                RequestIds.Get(context),
                at,
                request.Method,
                request.Path.Value ?? "/",
                request.Query.ToDictionary(q => q.Key, q => Redactor.IsSecretName(q.Key) ? Redactor.Mask : q.Value.ToString()),
                request.Headers.ToDictionary(h => h.Key, h => Redactor.Header(h.Key, h.Value.ToString())),
                Redactor.Body(request.ContentType, body, MaxBodyBytes),
                context.Response.StatusCode,
                Math.Round(duration.TotalMilliseconds, 3)));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogNotRecorded(logger, e.GetType().Name, context.Request.Method, context.Request.Path);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The journal could not record {Method} {Path} ({ExceptionType})")]
    private static partial void LogNotRecorded(ILogger logger, string exceptionType, string method, string path);
}
