using OtpNet;

namespace MfaEmulator.Common.Totp;

/// <summary>
/// TOTP (RFC 6238) on Otp.NET: HOTP (RFC 4226) over the number of whole time steps since the Unix epoch. The
/// step arithmetic stays here because the verifier works in steps (drift window, replay rule), not in instants.
/// </summary>
internal static class Totp
{
    /// <summary>Huawei's virtual MFA and ZITADEL's OTP use the key-URI defaults: SHA-1, 6 digits, 30 s.</summary>
    public const int StepSeconds = 30;
    public const int Digits = 6;

    public static long StepAt(DateTimeOffset time, int stepSeconds = StepSeconds) =>
        time.ToUnixTimeSeconds() / stepSeconds;

    public static string CodeAt(byte[] key, DateTimeOffset time, int digits = Digits, OtpHashMode hash = OtpHashMode.Sha1, int stepSeconds = StepSeconds)
    {
        using var hmac = new HmacKey(key);
        return new Hotp(hmac, hash, digits).ComputeHOTP(StepAt(time, stepSeconds));
    }

    /// <summary>The codes of one secret with the product's parameters: make it once per check, ask it per step, dispose it.</summary>
    public static StepCodes CodesOf(byte[] key) => new(key);

    public static string CodeForStep(byte[] key, long step)
    {
        using var codes = CodesOf(key);
        return codes.ForStep(step);
    }

    /// <summary>When the given step ends, as an instant.</summary>
    public static DateTimeOffset StepEnd(long step) => DateTimeOffset.FromUnixTimeSeconds((step + 1) * StepSeconds);
}

/// <summary>One secret's HOTP codes by step, over one keyed HMAC (see <see cref="HmacKey"/>).</summary>
internal sealed class StepCodes : IDisposable
{
    private readonly HmacKey _key;
    private readonly Hotp _hotp;

    public StepCodes(byte[] key)
    {
        _key = new HmacKey(key);
        _hotp = new Hotp(_key, OtpHashMode.Sha1, Totp.Digits);
    }

    public string ForStep(long step) => _hotp.ComputeHOTP(step);

    public void Dispose() => _key.Dispose();
}
