namespace MfaEmulator.Common.Totp;

/// <summary>
/// Checks TOTP codes typed by a person: the two codes of consecutive 30-second steps when a virtual MFA
/// device is bound or enabled (Huawei IAM v3 bind, IAM v5 enable), or one code at sign-in.
/// </summary>
/// <remarks>
/// Window: the (last) code may belong to the previous, current or next step, one step of clock drift
/// either way (RFC 6238 §5.2 and §6), so a person who types the code shown, waits for the next one and
/// types that too is accepted even when the clocks disagree by a step. A step at or before the device's
/// last accepted step is never accepted again (RFC 6238 §5.2: a code is good for one use).
/// </remarks>
internal sealed class ConsecutiveCodesVerifier(TimeProvider clock)
{
    public const int DriftSteps = 1;

    public TotpCheck VerifyPair(byte[] secret, string? first, string? second, long? lastUsedStep)
    {
        if (!IsWellFormed(first) || !IsWellFormed(second))
        {
            return TotpCheck.Fail(CodeFailure.Malformed);
        }
        if (string.Equals(first, second, StringComparison.Ordinal))
        {
            return TotpCheck.Fail(CodeFailure.Equal);
        }
        using var codes = Totp.CodesOf(secret);
        return Search(
            // The later code first: it rules out most steps with one HMAC instead of two.
            step => codes.ForStep(step) == second && codes.ForStep(step - 1) == first,
            earliestStepUsed: step => step - 1,
            lastUsedStep);
    }

    public TotpCheck VerifySingle(byte[] secret, string? code, long? lastUsedStep)
    {
        if (!IsWellFormed(code))
        {
            return TotpCheck.Fail(CodeFailure.Malformed);
        }
        using var codes = Totp.CodesOf(secret);
        return Search(step => codes.ForStep(step) == code, earliestStepUsed: step => step, lastUsedStep);
    }

    private TotpCheck Search(Func<long, bool> matches, Func<long, long> earliestStepUsed, long? lastUsedStep)
    {
        var now = Totp.StepAt(clock.GetUtcNow());
        var sawReplay = false;
        for (var step = now - DriftSteps; step <= now + DriftSteps; step++)
        {
            if (!matches(step))
            {
                continue;
            }
            if (lastUsedStep is { } used && earliestStepUsed(step) <= used)
            {
                sawReplay = true;
                continue;
            }
            return TotpCheck.Ok(step);
        }
        return TotpCheck.Fail(sawReplay ? CodeFailure.Replayed : CodeFailure.Mismatch);
    }

    private static bool IsWellFormed(string? code) =>
        code is { Length: Totp.Digits } && code.All(char.IsAsciiDigit);
}

internal enum CodeFailure
{
    None,
    Malformed,
    Equal,
    Mismatch,
    Replayed,
}

/// <summary>The outcome of a check; <see cref="Step"/> is the last step the accepted code(s) used.</summary>
internal readonly record struct TotpCheck(bool Accepted, long Step, CodeFailure Failure)
{
    public static TotpCheck Ok(long step) => new(true, step, CodeFailure.None);

    public static TotpCheck Fail(CodeFailure failure) => new(false, 0, failure);
}
