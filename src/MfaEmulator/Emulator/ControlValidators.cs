using FluentValidation;

namespace MfaEmulator.Emulator;

internal sealed class ResetBodyValidator : AbstractValidator<ResetBody>
{
    public ResetBodyValidator() =>
        RuleFor(b => b).Must(b => new[] { b.DomainId, b.ProjectId, b.OrgId }.Count(id => id is not null) <= 1)
            .WithMessage("Name at most one tenant: domain_id, project_id or org_id.");
}

internal sealed class CreateHuaweiUserValidator : AbstractValidator<CreateHuaweiUserBody>
{
    public CreateHuaweiUserValidator()
    {
        RuleFor(b => b.Name).NotEmpty().WithMessage("'name' is required.")
            .MaximumLength(64).WithMessage("'name' must be at most 64 characters (IAM user names).");
        RuleFor(b => b.Password).MaximumLength(128).WithMessage("'password' must be at most 128 characters.");
        RuleFor(b => b.Email).EmailAddress().When(b => b.Email is not null).WithMessage("'email' is not an email address.");
        RuleFor(b => b.Mobile).Matches(@"^\+?[0-9-]{4,32}$").When(b => b.Mobile is not null).WithMessage("'mobile' is not a phone number.");
        RuleFor(b => b.DomainName).MaximumLength(64).WithMessage("'domain_name' must be at most 64 characters.");
        RuleFor(b => b.DomainId).Matches("^[A-Za-z0-9]{1,32}$").When(b => b.DomainId is not null).WithMessage("'domain_id' is 1 to 32 letters and digits.");
        RuleFor(b => b.UserId).Matches("^[A-Za-z0-9]{1,32}$").When(b => b.UserId is not null).WithMessage("'user_id' is 1 to 32 letters and digits (IAM v5 user ids).");
        RuleFor(b => b.AccessKey).Matches("^[A-Za-z0-9]{1,64}$").When(b => b.AccessKey is not null).WithMessage("'access_key' is 1 to 64 letters and digits.");
        RuleFor(b => b.SecretKey).Length(1, 128).When(b => b.SecretKey is not null).WithMessage("'secret_key' is 1 to 128 characters.");
        RuleFor(b => b.Token).Length(1, 32_768).When(b => b.Token is not null).WithMessage("'token' is 1 to 32768 characters.");
    }
}

internal sealed class CreateHssHostValidator : AbstractValidator<CreateHssHostBody>
{
    public CreateHssHostValidator()
    {
        RuleFor(b => b.ProjectId).NotEmpty().WithMessage("'project_id' is required.").MaximumLength(256).WithMessage("'project_id' must be at most 256 characters.");
        RuleFor(b => b.HostName).NotEmpty().WithMessage("'host_name' is required.").MaximumLength(128).WithMessage("'host_name' must be at most 128 characters.");
        RuleFor(b => b.HostId).MaximumLength(64).WithMessage("'host_id' must be at most 64 characters.");
        RuleFor(b => b.OsType).Must(t => t is null or "Linux" or "Windows").WithMessage("'os_type' is 'Linux' or 'Windows'.");
        RuleFor(b => b.EnterpriseProjectId).MaximumLength(256).WithMessage("'enterprise_project_id' must be at most 256 characters.");
    }
}

internal sealed class CodesRequestValidator : AbstractValidator<CodesRequest>
{
    public CodesRequestValidator() =>
        RuleFor(r => r.SerialNumber).NotEmpty().WithMessage("The query parameter 'serial_number' is required.");
}

internal sealed class ClockBodyValidator : AbstractValidator<ClockBody>
{
    public ClockBodyValidator()
    {
        RuleFor(b => b).Must(b => (b.FrozenAt is not null ? 1 : 0) + (b.OffsetSeconds is not null ? 1 : 0) + (b.Mode is not null ? 1 : 0) == 1)
            .WithMessage("Send exactly one of {\"frozen_at\"}, {\"offset_seconds\"} or {\"mode\":\"system\"}.");
        RuleFor(b => b.Mode).Must(m => m is null or "system").WithMessage("'mode' can only be \"system\" (freeze with frozen_at, shift with offset_seconds).");
        RuleFor(b => b.OffsetSeconds).InclusiveBetween(-ClockLimits.MaxSeconds, ClockLimits.MaxSeconds)
            .WithMessage($"'offset_seconds' must be within ±{ClockLimits.MaxSeconds} seconds.");
    }
}

internal sealed class AdvanceBodyValidator : AbstractValidator<AdvanceBody>
{
    public AdvanceBodyValidator() =>
        RuleFor(b => b.Seconds).NotNull().WithMessage("'seconds' is required.")
            .InclusiveBetween(-ClockLimits.MaxSeconds, ClockLimits.MaxSeconds).WithMessage($"'seconds' must be within ±{ClockLimits.MaxSeconds}.");
}

internal static class ClockLimits
{
    /// <summary>About 100 years: far enough for any test, near enough that dates stay representable.</summary>
    public const double MaxSeconds = 3_155_760_000;
}
