using FluentValidation;
using MfaEmulator.Emulator;

namespace MfaEmulator.Huawei.Control;

internal sealed class CreateHuaweiUserValidator : AbstractValidator<CreateHuaweiUserBody>
{
    public CreateHuaweiUserValidator()
    {
        RuleFor(b => b.Name).NotEmpty().Invalid("'name' is required.")
            .MaximumLength(64).Invalid("'name' must be at most 64 characters (IAM user names).");
        RuleFor(b => b.Password).MaximumLength(128).Invalid("'password' must be at most 128 characters.");
        RuleFor(b => b.Email).EmailAddress().When(b => b.Email is not null).Invalid("'email' is not an email address.");
        RuleFor(b => b.Mobile).Matches(@"^\+?[0-9-]{4,32}$").When(b => b.Mobile is not null).Invalid("'mobile' is not a phone number.");
        RuleFor(b => b.DomainName).MaximumLength(64).Invalid("'domain_name' must be at most 64 characters.");
        RuleFor(b => b.DomainId).Matches("^[A-Za-z0-9]{1,32}$").When(b => b.DomainId is not null).Invalid("'domain_id' is 1 to 32 letters and digits.");
        RuleFor(b => b.UserId).Matches("^[A-Za-z0-9]{1,32}$").When(b => b.UserId is not null).Invalid("'user_id' is 1 to 32 letters and digits (IAM v5 user ids).");
        RuleFor(b => b.AccessKey).Matches("^[A-Za-z0-9]{1,64}$").When(b => b.AccessKey is not null).Invalid("'access_key' is 1 to 64 letters and digits.");
        RuleFor(b => b.SecretKey).Length(1, 128).When(b => b.SecretKey is not null).Invalid("'secret_key' is 1 to 128 characters.");
        RuleFor(b => b.Token).Length(1, 32_768).When(b => b.Token is not null).Invalid("'token' is 1 to 32768 characters.");
    }
}

internal sealed class CreateHssHostValidator : AbstractValidator<CreateHssHostBody>
{
    public CreateHssHostValidator()
    {
        RuleFor(b => b.ProjectId).NotEmpty().Invalid("'project_id' is required.").MaximumLength(256).Invalid("'project_id' must be at most 256 characters.");
        RuleFor(b => b.HostName).NotEmpty().Invalid("'host_name' is required.").MaximumLength(128).Invalid("'host_name' must be at most 128 characters.");
        RuleFor(b => b.HostId).MaximumLength(64).Invalid("'host_id' must be at most 64 characters.");
        RuleFor(b => b.OsType).Must(t => t is null or "Linux" or "Windows").Invalid("'os_type' is 'Linux' or 'Windows'.");
        RuleFor(b => b.EnterpriseProjectId).MaximumLength(256).Invalid("'enterprise_project_id' must be at most 256 characters.");
    }
}

internal sealed class CodesRequestValidator : AbstractValidator<CodesRequest>
{
    public CodesRequestValidator() =>
        RuleFor(r => r.SerialNumber).NotEmpty().Invalid("The query parameter 'serial_number' is required.");
}

internal sealed class BulkAccountsValidator : AbstractValidator<BulkAccountsBody>
{
    public BulkAccountsValidator() =>
        RuleFor(b => b.Count).NotNull().Invalid("'count' is required.")
            .InclusiveBetween(1, BulkAccountsEndpoints.MaxCount).Invalid($"'count' is 1 to {BulkAccountsEndpoints.MaxCount}.");
}
