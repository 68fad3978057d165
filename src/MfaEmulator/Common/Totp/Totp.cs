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

    public static string CodeAt(byte[] key, DateTimeOffset time, int digits = Digits, OtpHashMode hash = OtpHashMode.Sha1, int stepSeconds = StepSeconds) =>
        new Hotp(new HmacKey(key), hash, digits).ComputeHOTP(StepAt(time, stepSeconds));

    /// <summary>The code generator of one secret with the product's parameters; make it once per check, ask it per step.</summary>
    public static Hotp CodesOf(byte[] key) => new(new HmacKey(key), OtpHashMode.Sha1, Digits);

    public static string CodeForStep(byte[] key, long step) => CodesOf(key).ComputeHOTP(step);

    /// <summary>When the given step ends, as an instant.</summary>
    public static DateTimeOffset StepEnd(long step) => DateTimeOffset.FromUnixTimeSeconds((step + 1) * StepSeconds);
}
