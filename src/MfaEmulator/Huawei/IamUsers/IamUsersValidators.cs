using FluentValidation;
using MfaEmulator.Common.Validation;
using MfaEmulator.Huawei.Iam;

namespace MfaEmulator.Huawei.IamUsers;

internal sealed class ShowUserValidator : AbstractValidator<ShowUserRequest>
{
    public const int MaxUserIdLength = 64;

    public ShowUserValidator() =>
        RuleFor(r => r.UserId).Must(v => !string.IsNullOrWhiteSpace(v) && v.Length <= MaxUserIdLength)
            .As(IamErrors.InvalidParameter("user_id", $"must be 1 to {MaxUserIdLength} characters"));
}
