using FluentValidation;
using MfaEmulator.Common.Validation;
using MfaEmulator.Huawei.Iam;

namespace MfaEmulator.Huawei.IamV3;

/// <summary>Field limits of iam_08_0017…0021; where the pages give none, the emulator's are in openapi/DEVIATIONS.md.</summary>
internal static class IamV3Limits
{
    public const int MaxUserIdLength = 64;
    public const int MaxDeviceNameLength = 64;
    public const int MaxSerialNumberLength = 256;
    public const int MaxCodeLength = 12;
}

internal sealed class CreateMfaDeviceValidator : AbstractValidator<CreateMfaDeviceRequest>
{
    public CreateMfaDeviceValidator()
    {
        RuleFor(r => r.Body).Required("virtual_mfa_device").DependentRules(() =>
            RuleFor(r => r.Body!.VirtualMfaDevice).Required("virtual_mfa_device").DependentRules(() =>
            {
                RuleFor(r => r.Body!.VirtualMfaDevice!.Name).RequiredText("name", IamV3Limits.MaxDeviceNameLength)
                    .Must(n => !n!.Contains(':', StringComparison.Ordinal) && !n.Contains('/', StringComparison.Ordinal))
                    .As(IamErrors.InvalidInput("name", "must not contain ':' or '/' (they separate the serial number's parts)"));
                RuleFor(r => r.Body!.VirtualMfaDevice!.UserId).RequiredText("user_id", IamV3Limits.MaxUserIdLength);
            }));
    }
}

internal sealed class BindMfaDeviceValidator : AbstractValidator<BindMfaDeviceRequest>
{
    public BindMfaDeviceValidator()
    {
        RuleFor(r => r.Body).Required("user_id").DependentRules(() =>
        {
            RuleFor(r => r.Body!.UserId).RequiredText("user_id", IamV3Limits.MaxUserIdLength);
            RuleFor(r => r.Body!.SerialNumber).RequiredText("serial_number", IamV3Limits.MaxSerialNumberLength);
            RuleFor(r => r.Body!.AuthenticationCodeFirst).RequiredText("authentication_code_first", IamV3Limits.MaxCodeLength);
            RuleFor(r => r.Body!.AuthenticationCodeSecond).RequiredText("authentication_code_second", IamV3Limits.MaxCodeLength);
        });
    }
}

internal sealed class UnbindMfaDeviceValidator : AbstractValidator<UnbindMfaDeviceRequest>
{
    public UnbindMfaDeviceValidator()
    {
        RuleFor(r => r.Body).Required("user_id").DependentRules(() =>
        {
            RuleFor(r => r.Body!.UserId).RequiredText("user_id", IamV3Limits.MaxUserIdLength);
            RuleFor(r => r.Body!.SerialNumber).RequiredText("serial_number", IamV3Limits.MaxSerialNumberLength);
            // iam_08_0018: an administrator sends any 6 digits, the user a current code; both are 6 digits.
            RuleFor(r => r.Body!.AuthenticationCode).RequiredText("authentication_code", IamV3Limits.MaxCodeLength)
                .Must(c => c!.Length == 6 && c.All(char.IsAsciiDigit)).As(IamErrors.InvalidInput("authentication_code", "must be 6 digits"));
        });
    }
}

internal sealed class DeleteMfaDeviceValidator : AbstractValidator<DeleteMfaDeviceRequest>
{
    public DeleteMfaDeviceValidator()
    {
        RuleFor(r => r.UserId).Must(v => !string.IsNullOrWhiteSpace(v) && v.Length <= IamV3Limits.MaxUserIdLength)
            .As(IamErrors.InvalidParameter("user_id", $"the query parameter is required, 1 to {IamV3Limits.MaxUserIdLength} characters"));
        RuleFor(r => r.SerialNumber).Must(v => !string.IsNullOrWhiteSpace(v) && v.Length <= IamV3Limits.MaxSerialNumberLength)
            .As(IamErrors.InvalidParameter("serial_number", $"the query parameter is required, 1 to {IamV3Limits.MaxSerialNumberLength} characters"));
    }
}

internal sealed class UserPathValidator : AbstractValidator<UserPathRequest>
{
    public UserPathValidator() =>
        RuleFor(r => r.UserId).Must(v => !string.IsNullOrWhiteSpace(v) && v.Length <= IamV3Limits.MaxUserIdLength)
            .As(IamErrors.InvalidParameter("user_id", $"must be 1 to {IamV3Limits.MaxUserIdLength} characters"));
}

internal sealed class UpdateLoginProtectValidator : AbstractValidator<UpdateLoginProtectRequest>
{
    public UpdateLoginProtectValidator()
    {
        RuleFor(r => r.UserId).Must(v => !string.IsNullOrWhiteSpace(v) && v.Length <= IamV3Limits.MaxUserIdLength)
            .As(IamErrors.InvalidParameter("user_id", $"must be 1 to {IamV3Limits.MaxUserIdLength} characters"));
        RuleFor(r => r.Body).Required("login_protect").DependentRules(() =>
            RuleFor(r => r.Body!.LoginProtect).Required("login_protect").DependentRules(() =>
            {
                RuleFor(r => r.Body!.LoginProtect!.Enabled).Required("enabled");
                RuleFor(r => r.Body!.LoginProtect!.VerificationMethod).Required("verification_method")
                    .Must(m => LoginProtectMethods.All.Contains(m))
                    .As((_, method) => IamErrors.InvalidInput("verification_method", $"'{method}' is not one of sms, email, vmfa"));
            }));
    }
}
