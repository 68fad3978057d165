using System.Collections;
using System.Diagnostics;
using System.Globalization;

namespace MfaEmulator.Emulator;

/// <summary>One log line per request: method, path (never the query, where secrets may travel), status and time.</summary>
internal sealed class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
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
            if (logger.IsEnabled(LogLevel.Information))
            {
                var line = new RequestLine(context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
                logger.Log(LogLevel.Information, default, line, null, static (line, _) => line.ToString());
            }
        }
    }
}

/// <summary>
/// A request's log line as its parts, which the console log formats on its writer thread into its own buffer
/// (<see cref="ISpanFormattable"/>): formatted on the request's thread through a message template, the line cost every
/// request an argument array, two boxes and two strings. Other loggers read it as text or as named values.
/// </summary>
internal sealed class RequestLine(string method, string path, int status, TimeSpan elapsed) : ISpanFormattable, IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string Template = "{Method} {Path} {Status} in {Milliseconds} ms";

    private double Milliseconds => Math.Round(elapsed.TotalMilliseconds, 1);

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        destination.TryWrite(CultureInfo.InvariantCulture, $"{method} {path} {status} in {Milliseconds} ms", out charsWritten);

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public override string ToString()
    {
        // Room for the method and path, and ~40 characters for the rest (a status, a double, two words).
        var buffer = new char[64 + method.Length + path.Length];
        TryFormat(buffer, out var written, default, null);
        return new string(buffer, 0, written);
    }

    public int Count => 5;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("Method", method),
        1 => new("Path", path),
        2 => new("Status", status),
        3 => new("Milliseconds", Milliseconds),
        4 => new("{OriginalFormat}", Template),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
