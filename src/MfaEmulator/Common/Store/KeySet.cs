using System.Collections;

namespace MfaEmulator.Common.Store;

/// <summary>
/// The keys one index entry holds (an account's users, a user's tokens). Most hold one, so the first is kept in a
/// field and a hash set is made only for a second: a million entries then cost a million 40-byte objects, not a
/// million hash sets of ~200 bytes each. Add, remove and contains stay O(1).
/// </summary>
internal sealed class KeySet<T> : IEnumerable<T> where T : notnull
{
    private T? _one;
    private bool _hasOne;
    private HashSet<T>? _many;

    public int Count => _many?.Count ?? (_hasOne ? 1 : 0);

    public bool Add(T key)
    {
        if (_many is not null)
        {
            return _many.Add(key);
        }
        if (!_hasOne)
        {
            (_one, _hasOne) = (key, true);
            return true;
        }
        if (EqualityComparer<T>.Default.Equals(_one, key))
        {
            return false;
        }
        _many = [_one!, key];
        (_one, _hasOne) = (default, false);
        return true;
    }

    public bool Remove(T key)
    {
        if (_many is not null)
        {
            return _many.Remove(key);
        }
        if (_hasOne && EqualityComparer<T>.Default.Equals(_one, key))
        {
            (_one, _hasOne) = (default, false);
            return true;
        }
        return false;
    }

    public IEnumerator<T> GetEnumerator()
    {
        if (_many is not null)
        {
            return _many.GetEnumerator();
        }
        return (_hasOne ? [_one!] : Array.Empty<T>()).AsEnumerable().GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// Creation sequence numbers of one account's records, in order, for paging (<see cref="After"/> costs the page, not
/// the set). Like <see cref="KeySet{T}"/>, a single number is kept in a field and a sorted set made for a second.
/// </summary>
internal sealed class SequenceSet
{
    private long _one;
    private SortedSet<long>? _many;

    public int Count => _many?.Count ?? (_one != 0 ? 1 : 0);

    /// <summary>Adds a sequence number (they start at 1).</summary>
    public void Add(long sequence)
    {
        if (_many is not null)
        {
            _many.Add(sequence);
        }
        else if (_one == 0 || _one == sequence)
        {
            _one = sequence;
        }
        else
        {
            _many = [_one, sequence];
            _one = 0;
        }
    }

    public void Remove(long sequence)
    {
        if (_many is not null)
        {
            _many.Remove(sequence);
        }
        else if (_one == sequence)
        {
            _one = 0;
        }
    }

    /// <summary>The numbers greater than <paramref name="afterSequence"/>, ascending: O(log n) to find the first.</summary>
    public IEnumerable<long> After(long afterSequence)
    {
        if (_many is null)
        {
            return _one > afterSequence ? [_one] : [];
        }
        return _many.Count == 0 || afterSequence >= _many.Max ? [] : _many.GetViewBetween(Math.Max(afterSequence + 1, _many.Min), _many.Max);
    }

    public IReadOnlyList<long> ToList() => [.. After(0)];
}
