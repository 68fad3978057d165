namespace MfaEmulator.Common.Totp;

/// <summary>TOTP (RFC 6238): HOTP over the number of whole time steps since the Unix epoch.</summary>
internal static class Totp
{
    /// <summary>Huawei's virtual MFA and ZITADEL's OTP use the key-URI defaults: SHA-1, 6 digits, 30 s.</summary>
    public const int StepSeconds = 30;
    public const int Digits = 6;

    public static long StepAt(DateTimeOffset time, int stepSeconds = StepSeconds) =>
        time.ToUnixTimeSeconds() / stepSeconds;

    public static string CodeAt(ReadOnlySpan<byte> key, DateTimeOffset time, int digits = Digits, OtpHash hash = OtpHash.Sha1, int stepSeconds = StepSeconds) =>
        Hotp.Compute(key, StepAt(time, stepSeconds), digits, hash);

    public static string CodeForStep(ReadOnlySpan<byte> key, long step) => Hotp.Compute(key, step, Digits);

    /// <summary>When the given step ends, as an instant.</summary>
    public static DateTimeOffset StepEnd(long step) => DateTimeOffset.FromUnixTimeSeconds((step + 1) * StepSeconds);
}
