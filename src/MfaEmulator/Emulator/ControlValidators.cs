using System.Text.Json;
using FluentValidation;
using MfaEmulator.Common.Clock;
using MfaEmulator.Common.Validation;

namespace MfaEmulator.Emulator;

/// <summary>Control-route rules phrased as <c>emulator.invalid_request</c> problems.</summary>
internal static class ControlRules
{
    public static IRuleBuilderOptions<T, TProperty> Invalid<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, string message) =>
        rule.As(ControlErrors.InvalidRequest(message));
}

internal sealed class ResetBodyValidator : AbstractValidator<ResetBody>
{
    public ResetBodyValidator(IEnumerable<IEmulatedVendor> vendors)
    {
        var keys = vendors.SelectMany(v => v.TenantKeys).ToList();
        var named = keys.Count < 2 ? string.Join("", keys) : $"{string.Join(", ", keys[..^1])} or {keys[^1]}";
        RuleFor(b => b.Tenant).Must(t => t is null || t.Count <= 1)
            .Invalid($"Name at most one tenant: {named}.");
        RuleForEach(b => b.Tenant).Must(t => keys.Contains(t.Key, StringComparer.Ordinal) && t.Value.ValueKind == JsonValueKind.String)
            .Invalid($"A reset names one tenant as {{\"<key>\": \"<id>\"}}, the key one of {named}.");
    }
}

internal sealed class ClockBodyValidator : AbstractValidator<ClockBody>
{
    public ClockBodyValidator()
    {
        RuleFor(b => b).Must(b => (b.FrozenAt is not null ? 1 : 0) + (b.OffsetSeconds is not null ? 1 : 0) + (b.Mode is not null ? 1 : 0) == 1)
            .Invalid("Send exactly one of {\"frozen_at\"}, {\"offset_seconds\"} or {\"mode\":\"system\"}.");
        RuleFor(b => b.FrozenAt).Must(at => at is null || EmulatorClock.InRange(at.Value))
            .Invalid($"'frozen_at' must be within {EmulatorClock.Earliest:yyyy-MM-dd} to {EmulatorClock.Latest:yyyy-MM-dd}.");
        RuleFor(b => b.Mode).Must(m => m is null or "system").Invalid("'mode' can only be \"system\" (freeze with frozen_at, shift with offset_seconds).");
        RuleFor(b => b.OffsetSeconds).InclusiveBetween(-ClockLimits.MaxSeconds, ClockLimits.MaxSeconds)
            .Invalid($"'offset_seconds' must be within ±{ClockLimits.MaxSeconds} seconds.");
    }
}

internal sealed class AdvanceBodyValidator : AbstractValidator<AdvanceBody>
{
    public AdvanceBodyValidator() =>
        RuleFor(b => b.Seconds).NotNull().Invalid("'seconds' is required.")
            .InclusiveBetween(-ClockLimits.MaxSeconds, ClockLimits.MaxSeconds).Invalid($"'seconds' must be within ±{ClockLimits.MaxSeconds}.");
}

internal static class ClockLimits
{
    /// <summary>About 100 years: far enough for any test, near enough that dates stay representable.</summary>
    public const double MaxSeconds = 3_155_760_000;
}
