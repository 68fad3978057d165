using System.Collections;

namespace MfaEmulator.Common.Store;

/// <summary>
/// The keys one index entry holds (a user's kept tokens). Most hold one, so the first is kept in a field and a hash set
/// is made only for a second: a million entries then cost a million 32-byte objects, not a million hash sets of ~200
/// bytes each. Add, remove and contains stay O(1).
/// </summary>
internal sealed class KeySet<T> : IEnumerable<T> where T : class
{
    private T? _one;
    private HashSet<T>? _many;

    public int Count => _many?.Count ?? (_one is null ? 0 : 1);

    public bool Add(T key)
    {
        if (_many is not null)
        {
            return _many.Add(key);
        }
        if (_one is null)
        {
            _one = key;
            return true;
        }
        if (EqualityComparer<T>.Default.Equals(_one, key))
        {
            return false;
        }
        _many = [_one, key];
        _one = null;
        return true;
    }

    public bool Remove(T key)
    {
        if (_many is not null)
        {
            return _many.Remove(key);
        }
        if (_one is not null && EqualityComparer<T>.Default.Equals(_one, key))
        {
            _one = null;
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
        return (_one is null ? Array.Empty<T>() : [_one]).AsEnumerable().GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
