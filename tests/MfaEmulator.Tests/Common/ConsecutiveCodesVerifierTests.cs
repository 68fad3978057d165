using System.Text;
using MfaEmulator.Common.Clock;
using MfaEmulator.Common.Totp;

namespace MfaEmulator.Tests.Common;

public sealed class ConsecutiveCodesVerifierTests
{
    private static readonly byte[] Secret = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_015);
    private readonly ConsecutiveCodesVerifier _verifier;
    private readonly long _step = Totp.StepAt(Now);

    public ConsecutiveCodesVerifierTests()
    {
        var clock = new EmulatorClock(TimeProvider.System);
        clock.Freeze(Now);
        _verifier = new ConsecutiveCodesVerifier(clock);
    }

    private static string Code(long step) => Totp.CodeForStep(Secret, step);

    [Fact]
    public void The_previous_and_current_codes_are_accepted_as_a_person_types_them()
    {
        var check = _verifier.VerifyPair(Secret, Code(_step - 1), Code(_step), lastUsedStep: null);

        Assert.True(check.Accepted);
        Assert.Equal(_step, check.Step);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void The_second_code_may_be_one_step_off_either_way(int drift)
    {
        var check = _verifier.VerifyPair(Secret, Code(_step + drift - 1), Code(_step + drift), lastUsedStep: null);

        Assert.True(check.Accepted);
        Assert.Equal(_step + drift, check.Step);
    }

    [Fact]
    public void Codes_further_in_the_past_are_stale() =>
        Assert.Equal(CodeFailure.Mismatch, _verifier.VerifyPair(Secret, Code(_step - 3), Code(_step - 2), null).Failure);

    [Fact]
    public void Swapped_codes_are_refused() =>
        Assert.Equal(CodeFailure.Mismatch, _verifier.VerifyPair(Secret, Code(_step), Code(_step - 1), null).Failure);

    [Fact]
    public void Codes_of_non_consecutive_steps_are_refused() =>
        Assert.Equal(CodeFailure.Mismatch, _verifier.VerifyPair(Secret, Code(_step - 2), Code(_step), null).Failure);

    [Fact]
    public void Equal_codes_are_refused() =>
        Assert.Equal(CodeFailure.Equal, _verifier.VerifyPair(Secret, Code(_step), Code(_step), null).Failure);

    [Theory]
    [InlineData("12345a", "123456")]
    [InlineData("12345", "123456")]
    [InlineData("1234567", "123456")]
    [InlineData("", "123456")]
    [InlineData(null, "123456")]
    [InlineData("123456", "١٢٣٤٥٦")]
    public void Codes_that_are_not_six_ascii_digits_are_malformed(string? first, string second) =>
        Assert.Equal(CodeFailure.Malformed, _verifier.VerifyPair(Secret, first, second, null).Failure);

    [Fact]
    public void A_step_already_used_for_the_device_is_never_accepted_again()
    {
        var used = _verifier.VerifyPair(Secret, Code(_step - 1), Code(_step), null).Step;

        var replay = _verifier.VerifyPair(Secret, Code(_step - 1), Code(_step), used);
        var overlapping = _verifier.VerifyPair(Secret, Code(_step), Code(_step + 1), used);
        var fresh = _verifier.VerifyPair(Secret, Code(_step + 1), Code(_step + 2), used);

        Assert.Equal(CodeFailure.Replayed, replay.Failure);
        Assert.Equal(CodeFailure.Replayed, overlapping.Failure);
        Assert.Equal(CodeFailure.Mismatch, fresh.Failure);
    }

    [Fact]
    public void A_single_sign_in_code_is_good_once()
    {
        var first = _verifier.VerifySingle(Secret, Code(_step), null);
        var again = _verifier.VerifySingle(Secret, Code(_step), first.Step);

        Assert.True(first.Accepted);
        Assert.Equal(CodeFailure.Replayed, again.Failure);
    }
}
