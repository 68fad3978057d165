using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using MfaEmulator.Common.Clock;
using MfaEmulator.Common.Totp;

namespace MfaEmulator.Benchmarks;

/// <summary>
/// One TOTP code, and a whole bind check (up to six codes), against the textbook implementation: a new
/// HMAC object per code and byte arrays everywhere (the baseline).
/// </summary>
[MemoryDiagnoser]
public class TotpBenchmarks
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("12345678901234567890");
    private readonly ConsecutiveCodesVerifier _verifier;
    private readonly string _first;
    private readonly string _second;

    public TotpBenchmarks()
    {
        var clock = new EmulatorClock(TimeProvider.System);
        clock.Freeze(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        _verifier = new ConsecutiveCodesVerifier(clock);
        var step = Totp.StepAt(clock.GetUtcNow());
        _first = Totp.CodeForStep(Key, step - 1);
        _second = Totp.CodeForStep(Key, step);
    }

    [Benchmark(Baseline = true)]
    public string TextbookHotp()
    {
#pragma warning disable CA5350 // HOTP is HMAC-SHA1 by definition.
        using var hmac = new HMACSHA1(Key);
#pragma warning restore CA5350
        var counter = BitConverter.GetBytes(56_666_666L);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }
        var hash = hmac.ComputeHash(counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    [Benchmark]
    public string EmulatorHotp() => Totp.CodeForStep(Key, 56_666_666L);

    [Benchmark]
    public bool BindCheckAccepted() => _verifier.VerifyPair(Key, _first, _second, lastUsedStep: null).Accepted;

    [Benchmark]
    public bool BindCheckRejected() => _verifier.VerifyPair(Key, "000000", "111111", lastUsedStep: null).Accepted;
}
