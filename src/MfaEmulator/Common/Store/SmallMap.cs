namespace MfaEmulator.Common.Store;

/// <summary>
/// The entries one index entry holds, by key (an account's users by name). Like <see cref="KeySet{T}"/>, most hold
/// one, so the first is kept in fields and a dictionary made only for a second; set, remove and look-up stay O(1).
/// An index entry may derive from it to carry its record too.
/// </summary>
internal class SmallMap<TKey, TValue> where TKey : class where TValue : class
{
    private TKey? _oneKey;
    private TValue? _oneValue;
    private Dictionary<TKey, TValue>? _many;

    public int Count => _many?.Count ?? (_oneKey is null ? 0 : 1);

    public IEnumerable<TValue> Values => _many is not null ? _many.Values : _oneValue is null ? [] : new[] { _oneValue };

    public bool TryGetValue(TKey key, out TValue value)
    {
        if (_many is not null)
        {
            return _many.TryGetValue(key, out value!);
        }
        value = _oneValue!;
        return _oneKey is not null && EqualityComparer<TKey>.Default.Equals(_oneKey, key);
    }

    /// <summary>Adds the entry, or replaces the value of its key.</summary>
    public void Set(TKey key, TValue value)
    {
        if (_many is null && (_oneKey is null || EqualityComparer<TKey>.Default.Equals(_oneKey, key)))
        {
            (_oneKey, _oneValue) = (key, value);
            return;
        }
        if (_many is null)
        {
            _many = new() { [_oneKey!] = _oneValue! };
            (_oneKey, _oneValue) = (null, null);
        }
        _many[key] = value;
    }

    public bool Remove(TKey key)
    {
        if (_many is not null)
        {
            return _many.Remove(key);
        }
        if (_oneKey is not null && EqualityComparer<TKey>.Default.Equals(_oneKey, key))
        {
            (_oneKey, _oneValue) = (null, null);
            return true;
        }
        return false;
    }
}
