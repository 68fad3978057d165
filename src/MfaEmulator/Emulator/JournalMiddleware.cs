using System.Diagnostics;
using MfaEmulator.Common.Errors;

namespace MfaEmulator.Emulator;

/// <summary>
/// Records each call to an emulated API (not the emulator's own routes or its documentation). It only copies what
/// it must (the headers; the body is the one the body middleware already read), leaves redaction to whoever reads
/// the journal, and never lets a failure of its own reach the response.
/// </summary>
internal sealed partial class JournalMiddleware(RequestDelegate next, RequestJournal journal, TimeProvider clock, ILogger<JournalMiddleware> logger)
{
    private static readonly string[] NotJournaled = ["/_emulator", "/openapi", "/swagger", "/swagger-extras", "/favicon.ico"];

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (journal.Capacity == 0 || request.Path == "/" || IsNotJournaled(request.Path))
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

    private static bool IsNotJournaled(PathString path)
    {
        foreach (var prefix in NotJournaled)
        {
            if (path.StartsWithSegments(prefix))
            {
                return true;
            }
        }
        return false;
    }

    private void Record(HttpContext context, DateTimeOffset at, TimeSpan duration)
    {
        try
        {
            var request = context.Request;
            var headers = new KeyValuePair<string, string>[request.Headers.Count];
            var index = 0;
            foreach (var (name, values) in request.Headers)
            {
                headers[index++] = new(name, values.ToString());
            }
            journal.Add(new CapturedCall(
                RequestIds.Get(context), at, request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? "", headers,
                request.ContentType, ReceivedBody.Of(context)?.Bytes ?? ReadOnlyMemory<byte>.Empty,
                context.Response.StatusCode, Math.Round(duration.TotalMilliseconds, 3), GrpcStatusRecorder.Of(context)));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogNotRecorded(logger, e.GetType().Name, context.Request.Method, context.Request.Path);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The journal could not record {Method} {Path} ({ExceptionType})")]
    private static partial void LogNotRecorded(ILogger logger, string exceptionType, string method, string path);
}
