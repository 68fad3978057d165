using CsCheck;
using MfaEmulator.Common.Store;

namespace MfaEmulator.Tests.Common;

/// <summary>The compact indexes behave as the hash set and sorted dictionary they stand in for, whatever the adds and removes.</summary>
public sealed class KeySetTests
{
    private static readonly Gen<(bool Add, int Key)[]> Operations = Gen.Select(Gen.Bool, Gen.Int[1, 6]).Array[0, 30];

    [Fact]
    public void A_key_set_holds_what_a_hash_set_holds() =>
        Operations.Sample(operations =>
        {
            var set = new KeySet<string>();
            var model = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (add, key) in operations)
            {
                var text = $"k{key}";
                Assert.Equal(add ? model.Add(text) : model.Remove(text), add ? set.Add(text) : set.Remove(text));
            }
            Assert.Equal(model.Count, set.Count);
            Assert.Equal(model.Order(StringComparer.Ordinal), set.Order(StringComparer.Ordinal));
        });

    [Fact]
    public void A_sequence_map_pages_as_a_sorted_dictionary_does() =>
        Gen.Select(Operations, Gen.Int[0, 7]).Sample((operations, after) =>
        {
            var map = new SequenceMap<string>();
            var model = new SortedDictionary<long, string>();
            var version = 0;
            foreach (var (add, sequence) in operations)
            {
                if (add)
                {
                    var key = $"s{sequence}v{version++}";
                    map.Add(sequence, key);
                    model[sequence] = key;
                }
                else
                {
                    map.Remove(sequence);
                    model.Remove(sequence);
                }
            }
            Assert.Equal(model.Count, map.Count);
            Assert.Equal(model.Where(e => e.Key > after).Select(e => e.Value), map.After(after));
            Assert.All(Enumerable.Range(1, 6), s => Assert.Equal(model.ContainsKey(s), map.Contains(s)));
        });

    [Fact]
    public void A_small_map_holds_what_a_dictionary_holds() =>
        Operations.Sample(operations =>
        {
            var map = new SmallMap<string, string>();
            var model = new Dictionary<string, string>(StringComparer.Ordinal);
            var version = 0;
            foreach (var (add, key) in operations)
            {
                var text = $"k{key}";
                if (add)
                {
                    var value = $"v{version++}";
                    map.Set(text, value);
                    model[text] = value;
                }
                else
                {
                    Assert.Equal(model.Remove(text), map.Remove(text));
                }
            }
            Assert.Equal(model.Count, map.Count);
            Assert.Equal(model.Values.Order(StringComparer.Ordinal), map.Values.Order(StringComparer.Ordinal));
            Assert.All(Enumerable.Range(1, 6), k => Assert.Equal(model.GetValueOrDefault($"k{k}"), map.TryGetValue($"k{k}", out var v) ? v : null));
        });
}
