namespace MfaEmulator.Common.Store;

/// <summary>
/// One account's records by creation sequence number, in order, for paging: <see cref="After"/> costs the page, not
/// the map. The record's key rides along, so the store needs no sequence-to-key dictionary of its own.
/// </summary>
internal sealed class SequenceMap<TKey> where TKey : class
{
    private readonly SortedSet<(long Sequence, TKey? Key)> _entries = new(BySequence.Instance);

    public int Count => _entries.Count;

    /// <summary>Adds or replaces the key at a sequence number (they start at 1).</summary>
    public void Add(long sequence, TKey key)
    {
        _entries.Remove((sequence, null));
        _entries.Add((sequence, key));
    }

    public void Remove(long sequence) => _entries.Remove((sequence, null));

    public bool Contains(long sequence) => _entries.Contains((sequence, null));

    /// <summary>The keys after <paramref name="afterSequence"/>, in sequence order: O(log n) to find the first.</summary>
    public IEnumerable<TKey> After(long afterSequence)
    {
        if (_entries.Count == 0 || afterSequence >= _entries.Max.Sequence)
        {
            return [];
        }
        return _entries.GetViewBetween((Math.Max(afterSequence + 1, _entries.Min.Sequence), null), (_entries.Max.Sequence, null)).Select(entry => entry.Key!);
    }

    private sealed class BySequence : IComparer<(long Sequence, TKey? Key)>
    {
        public static readonly BySequence Instance = new();

        public int Compare((long Sequence, TKey? Key) x, (long Sequence, TKey? Key) y) => x.Sequence.CompareTo(y.Sequence);
    }
}
