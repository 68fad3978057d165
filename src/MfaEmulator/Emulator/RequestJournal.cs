using System.Text.Json.Serialization;

namespace MfaEmulator.Emulator;

internal sealed record JournalEntry(
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("query")] IReadOnlyDictionary<string, string> Query,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string> Headers,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("duration_ms")] double DurationMs);

/// <summary>
/// The most recent requests to the emulated APIs, in a ring bounded by count (<c>--journal-size</c>) and by size
/// (<see cref="MaxBytes"/>, since one entry holds up to 4 KiB of body and the headers a client chose to send).
/// </summary>
internal sealed class RequestJournal(EmulatorOptions options)
{
    public const long MaxBytes = 16 * 1024 * 1024;
    private readonly Lock _gate = new();
    private readonly LinkedList<(JournalEntry Entry, long Size)> _entries = new();
    private long _bytes;

    public int Capacity { get; } = Math.Max(0, options.JournalSize);

    public void Add(JournalEntry entry)
    {
        if (Capacity == 0)
        {
            return;
        }
        var size = SizeOf(entry);
        lock (_gate)
        {
            _entries.AddFirst((entry, size));
            _bytes += size;
            while (_entries.Count > Capacity || _bytes > MaxBytes && _entries.Count > 1)
            {
                _bytes -= _entries.Last!.Value.Size;
                _entries.RemoveLast();
            }
        }
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<JournalEntry> Recent(int limit, string? pathPrefix)
    {
        lock (_gate)
        {
            return [.. _entries.Select(e => e.Entry).Where(e => pathPrefix is null || e.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).Take(limit)];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _bytes = 0;
        }
    }

    /// <summary>Roughly what the entry holds in memory: two bytes a character, plus a fixed overhead.</summary>
    private static long SizeOf(JournalEntry entry) =>
        256 + 2L * ((entry.Body?.Length ?? 0) + entry.Path.Length
            + entry.Headers.Sum(h => h.Key.Length + h.Value.Length) + entry.Query.Sum(q => q.Key.Length + q.Value.Length));
}
