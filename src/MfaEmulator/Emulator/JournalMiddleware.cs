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
        var call = new PendingCall(this, context, clock.GetUtcNow(), Stopwatch.GetTimestamp());
        // Recorded as the answer starts: an answer with a Content-Length can reach the client before the pipeline
        // returns, and a client that reads the journal right after its answer must find the call (an official SDK
        // test raced it on CI). gRPC's status comes in the trailers, after the answer started: recorded at the end.
        if (!GrpcTransport.IsGrpc(request))
        {
            context.Response.OnStarting(PendingCall.RecordOnStart, call);
        }
        try
        {
            await next(context);
        }
        finally
        {
            call.RecordOnce();
        }
    }

    /// <summary>A call to record once: when its answer starts, or when the pipeline returns if it never started.</summary>
    private sealed class PendingCall(JournalMiddleware journal, HttpContext context, DateTimeOffset at, long started)
    {
        public static readonly Func<object, Task> RecordOnStart = state =>
        {
            ((PendingCall)state).RecordOnce();
            return Task.CompletedTask;
        };

        private int _recorded;

        public void RecordOnce()
        {
            if (Interlocked.Exchange(ref _recorded, 1) == 0)
            {
                journal.Record(context, at, Stopwatch.GetElapsedTime(started));
            }
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
