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

/// <summary>The most recent requests to the emulated APIs, in a bounded ring (<c>--journal-size</c>).</summary>
internal sealed class RequestJournal(EmulatorOptions options)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<JournalEntry> _entries = new();

    public int Capacity { get; } = Math.Max(0, options.JournalSize);

    public void Add(JournalEntry entry)
    {
        if (Capacity == 0)
        {
            return;
        }
        lock (_gate)
        {
            _entries.AddFirst(entry);
            while (_entries.Count > Capacity)
            {
                _entries.RemoveLast();
            }
        }
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<JournalEntry> Recent(int limit, string? pathPrefix)
    {
        lock (_gate)
        {
            return [.. _entries.Where(e => pathPrefix is null || e.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).Take(limit)];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
