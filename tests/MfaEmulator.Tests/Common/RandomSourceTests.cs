using MfaEmulator.Common.Randomness;

namespace MfaEmulator.Tests.Common;

public class RandomSourceTests
{
    [Fact]
    public void Buffered_draws_never_repeat_across_refills_and_threads()
    {
        var random = new CryptoRandomSource();
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();

        // 4 threads × 3,000 draws of 16 bytes: each thread refills its 4 KiB buffer about a dozen times.
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            for (var i = 0; i < 3000; i++)
            {
                Assert.True(seen.TryAdd(random.NewHex(32), true));
            }
        });

        Assert.Equal(12000, seen.Count);
    }

    [Theory]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(10000)]
    public void Draws_of_any_size_are_filled(int size)
    {
        var random = new CryptoRandomSource();
        random.Fill(new byte[7]); // leaves the buffer part-used, so the draw below needs a refill or bypasses it

        var drawn = new byte[size];
        random.Fill(drawn);

        // 4,095 random bytes with no zero run of 64 (chance 2^-512 if they were random)
        Assert.DoesNotContain(Enumerable.Range(0, size / 64), block => drawn.AsSpan(block * 64, 64).IndexOfAnyExcept((byte)0) < 0);
    }
}
