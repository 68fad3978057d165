using System.Diagnostics;
using MfaEmulator.Common.Errors;

namespace MfaEmulator.Emulator;

/// <summary>Records each call to an emulated API (not the emulator's own routes or its documentation), secrets redacted.</summary>
internal sealed class JournalMiddleware(RequestDelegate next, RequestJournal journal, EmulatorOptions options, TimeProvider clock)
{
    private static readonly string[] NotJournaled = ["/_emulator", "/openapi", "/swagger", "/favicon.ico"];

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (journal.Capacity == 0 || request.Path == "/" || NotJournaled.Any(p => request.Path.StartsWithSegments(p)))
        {
            await next(context);
            return;
        }
        var body = await ReadBodyAsync(request);
        var started = Stopwatch.GetTimestamp();
        var at = clock.GetUtcNow();
        try
        {
            await next(context);
        }
        finally
        {
            journal.Add(new JournalEntry(
                RequestIds.Get(context),
                at,
                request.Method,
                request.Path.Value ?? "/",
                request.Query.ToDictionary(q => q.Key, q => Redactor.IsSecretName(q.Key) ? Redactor.Mask : q.Value.ToString()),
                request.Headers.ToDictionary(h => h.Key, h => Redactor.Header(h.Key, h.Value.ToString())),
                Redactor.Body(request.ContentType, body),
                context.Response.StatusCode,
                Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3)));
        }
    }

    /// <summary>
    /// Reads a body of known length within the limit and rewinds it for the handler. Chunked or oversized
    /// bodies are not read here, so only the handler's read can trip the size limit (and get the envelope).
    /// </summary>
    private async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is not { } length || length == 0 || length > options.MaxRequestBodyBytes)
        {
            return [];
        }
        request.EnableBuffering();
        using var buffer = new MemoryStream((int)length);
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return buffer.ToArray();
    }
}
