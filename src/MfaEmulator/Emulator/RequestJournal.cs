using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;

namespace MfaEmulator.Emulator;

/// <summary>A journaled call as the control routes show it: secrets redacted, the body cut to its first 4 KiB.</summary>
internal sealed record JournalEntry(
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("query")] IReadOnlyDictionary<string, string> Query,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string> Headers,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("duration_ms")] double DurationMs,
    [property: JsonPropertyName("grpc_status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? GrpcStatus = null);

/// <summary>
/// A call as it was captured: cheap copies only (the header strings, the query text, a reference to the body the
/// request already read). Redaction and cutting happen when someone reads the journal, not on the request's path.
/// Never leaves the process: <see cref="Redacted"/> is the only way out.
/// </summary>
internal sealed record CapturedCall(
    string RequestId, DateTimeOffset At, string Method, string Path, string QueryString, KeyValuePair<string, string>[] Headers,
    string? ContentType, ReadOnlyMemory<byte> Body, int Status, double DurationMs, int? GrpcStatus = null)
{
    public const int MaxBodyCharacters = 4096;

    /// <summary>Roughly what the capture holds in memory: two bytes a character, the body, a fixed overhead (counted once).</summary>
    public long Size { get; } = 256 + Body.Length + 2L * (Path.Length + QueryString.Length + CharactersOf(Headers));

    private static long CharactersOf(KeyValuePair<string, string>[] headers)
    {
        long characters = 0;
        foreach (var (name, value) in headers)
        {
            characters += name.Length + value.Length;
        }
        return characters;
    }

    public JournalEntry Redacted() => new(
        RequestId, At, Method, Path,
        QueryHelpers.ParseQuery(QueryString).ToDictionary(q => q.Key, q => Redactor.IsSecretName(q.Key) ? Redactor.Mask : q.Value.ToString()),
        Headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => Redactor.Header(g.Key, string.Join(",", g.Select(h => h.Value)))),
        Redactor.Body(ContentType, Body, MaxBodyCharacters),
        Status,
        DurationMs,
        GrpcStatus);
}

/// <summary>
/// The most recent requests to the emulated APIs, in a ring bounded by count (<c>--journal-size</c>) and by size
/// (<see cref="MaxBytes"/>: a capture keeps a reference to its body, up to <c>--max-body-bytes</c>).
/// </summary>
internal sealed class RequestJournal(EmulatorOptions options)
{
    public const long MaxBytes = 16 * 1024 * 1024;
    private readonly Lock _gate = new();
    private readonly LinkedList<CapturedCall> _entries = new();
    private long _bytes;

    public int Capacity { get; } = Math.Max(0, options.JournalSize);

    public void Add(CapturedCall call)
    {
        if (Capacity == 0)
        {
            return;
        }
        var size = call.Size;
        lock (_gate)
        {
            _entries.AddFirst(call);
            _bytes += size;
            while (_entries.Count > Capacity || _bytes > MaxBytes && _entries.Count > 1)
            {
                _bytes -= _entries.Last!.Value.Size;
                _entries.RemoveLast();
            }
        }
    }

    /// <summary>Newest first, redacted.</summary>
    public IReadOnlyList<JournalEntry> Recent(int limit, string? pathPrefix) =>
        Matching(call => pathPrefix is null || call.Path.StartsWith(pathPrefix, StringComparison.Ordinal), limit);

    /// <summary>The calls <paramref name="filter"/> picks from what was captured, newest first; only those are redacted.</summary>
    public IReadOnlyList<JournalEntry> Matching(Func<CapturedCall, bool> filter, int limit = int.MaxValue)
    {
        List<CapturedCall> calls;
        lock (_gate)
        {
            calls = [.. _entries.Where(filter).Take(limit)];
        }
        return [.. calls.Select(call => call.Redacted())];
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _bytes = 0;
        }
    }
}
