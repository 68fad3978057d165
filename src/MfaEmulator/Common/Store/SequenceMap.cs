namespace MfaEmulator.Common.Store;

/// <summary>
/// One account's records by creation sequence number, in order, for paging: <see cref="After"/> costs the page, not
/// the map. Like <see cref="KeySet{T}"/>, a single entry is kept in fields and a sorted set made for a second, and the
/// record's key rides along, so the store needs no sequence-to-key dictionary of its own.
/// </summary>
internal sealed class SequenceMap<TKey> where TKey : class
{
    private long _oneSequence;
    private TKey? _one;
    private SortedSet<(long Sequence, TKey? Key)>? _many;

    public int Count => _many?.Count ?? (_one is null ? 0 : 1);

    /// <summary>Adds or replaces the key at a sequence number (they start at 1).</summary>
    public void Add(long sequence, TKey key)
    {
        if (_many is null && (_one is null || _oneSequence == sequence))
        {
            (_oneSequence, _one) = (sequence, key);
            return;
        }
        if (_many is null)
        {
            _many = new SortedSet<(long, TKey?)>(BySequence.Instance) { (_oneSequence, _one) };
            (_oneSequence, _one) = (0, null);
        }
        _many.Remove((sequence, null));
        _many.Add((sequence, key));
    }

    public void Remove(long sequence)
    {
        if (_many is not null)
        {
            _many.Remove((sequence, null));
        }
        else if (_one is not null && _oneSequence == sequence)
        {
            (_oneSequence, _one) = (0, null);
        }
    }

    public bool Contains(long sequence) => _many?.Contains((sequence, null)) ?? (_one is not null && _oneSequence == sequence);

    /// <summary>The keys after <paramref name="afterSequence"/>, in sequence order: O(log n) to find the first.</summary>
    public IEnumerable<TKey> After(long afterSequence)
    {
        if (_many is null)
        {
            return _one is not null && _oneSequence > afterSequence ? [_one] : [];
        }
        if (_many.Count == 0 || afterSequence >= _many.Max.Sequence)
        {
            return [];
        }
        return _many.GetViewBetween((Math.Max(afterSequence + 1, _many.Min.Sequence), null), (_many.Max.Sequence, null)).Select(entry => entry.Key!);
    }

    private sealed class BySequence : IComparer<(long Sequence, TKey? Key)>
    {
        public static readonly BySequence Instance = new();

        public int Compare((long Sequence, TKey? Key) x, (long Sequence, TKey? Key) y) => x.Sequence.CompareTo(y.Sequence);
    }
}
