using CsCheck;
using MfaEmulator.Common.Store;

namespace MfaEmulator.Tests.Common;

/// <summary>The compact index sets behave as the hash set and sorted set they stand in for, whatever the adds and removes.</summary>
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
    public void A_sequence_set_pages_as_a_sorted_set_does() =>
        Gen.Select(Operations, Gen.Int[0, 7]).Sample((operations, after) =>
        {
            var set = new SequenceSet();
            var model = new SortedSet<long>();
            foreach (var (add, key) in operations)
            {
                if (add)
                {
                    set.Add(key);
                    model.Add(key);
                }
                else
                {
                    set.Remove(key);
                    model.Remove(key);
                }
            }
            Assert.Equal(model.Count, set.Count);
            Assert.Equal(model.Where(s => s > after), set.After(after));
        });
}
