using System.Security.Cryptography;

namespace MfaEmulator.Common.Randomness;

/// <summary>Where ids, serials, seeds and tokens get their randomness: a CSPRNG, or a seeded one for repeatable runs.</summary>
internal interface IRandomSource
{
    void Fill(Span<byte> buffer);
}

internal sealed class CryptoRandomSource : IRandomSource
{
    public void Fill(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);
}

/// <summary>Repeatable output for <c>--random-seed N</c>; never a secret-quality source.</summary>
internal sealed class SeededRandomSource(int seed) : IRandomSource
{
#pragma warning disable CA5394 // Deliberately predictable: the user asked for repeatable ids with --random-seed.
    private readonly Random _random = new(seed);

    public void Fill(Span<byte> buffer)
    {
        lock (_random)
        {
            _random.NextBytes(buffer);
        }
    }
#pragma warning restore CA5394
}
