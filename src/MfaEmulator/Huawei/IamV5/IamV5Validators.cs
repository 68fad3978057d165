using System.Text.RegularExpressions;
using FluentValidation;
using MfaEmulator.Common.Validation;
using MfaEmulator.Huawei.Iam;

namespace MfaEmulator.Huawei.IamV5;

/// <summary>Limits of the api-iam5 pages (CreateVirtualMfaDeviceV5, EnableMfaDeviceV5, ListMfaDevicesV5).</summary>
internal static partial class IamV5Limits
{
    public const int MaxSerialNumberLength = 150;
    public const int MaxCodeLength = 12;
    public const int MaxLimit = 200;
    public const int DefaultLimit = 100;

    [GeneratedRegex("^[A-Za-z0-9]{1,32}$")]
    public static partial Regex UserId();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    public static partial Regex DeviceName();

    [GeneratedRegex("^[A-Za-z0-9+/=_-]{4,400}$")]
    public static partial Regex Marker();
}

internal static class IamV5Rules
{
    public static IRuleBuilderOptions<T, string?> UserId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Required("user_id").Must(v => IamV5Limits.UserId().IsMatch(v!))
            .As(IamErrors.InvalidInput("user_id", "must be 1 to 32 letters and digits"));

    public static IRuleBuilderOptions<T, string?> SerialNumber<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Required("serial_number").Must(v => v!.Length is > 0 and <= IamV5Limits.MaxSerialNumberLength)
            .As(IamV5Errors.InvalidSerialNumber($"must be 1 to {IamV5Limits.MaxSerialNumberLength} characters"));
}

internal sealed class CreateVirtualMfaDeviceV5Validator : AbstractValidator<CreateVirtualMfaDeviceV5Request>
{
    public CreateVirtualMfaDeviceV5Validator() =>
        RuleFor(r => r.Body).Required("virtual_mfa_device_name").DependentRules(() =>
        {
            RuleFor(r => r.Body!.VirtualMfaDeviceName).Required("virtual_mfa_device_name")
                .Must(v => IamV5Limits.DeviceName().IsMatch(v!))
                .As(IamErrors.InvalidInput("virtual_mfa_device_name", "must be 1 to 64 characters of letters, digits, '_' and '-'"));
            RuleFor(r => r.Body!.UserId).UserId();
        });
}

internal sealed class EnableMfaDeviceV5Validator : AbstractValidator<EnableMfaDeviceV5Request>
{
    public EnableMfaDeviceV5Validator() =>
        RuleFor(r => r.Body).Required("user_id").DependentRules(() =>
        {
            RuleFor(r => r.Body!.UserId).UserId();
            RuleFor(r => r.Body!.SerialNumber).SerialNumber();
            RuleFor(r => r.Body!.AuthenticationCodeFirst).RequiredText("authentication_code_first", IamV5Limits.MaxCodeLength);
            RuleFor(r => r.Body!.AuthenticationCodeSecond).RequiredText("authentication_code_second", IamV5Limits.MaxCodeLength);
        });
}

internal sealed class DisableMfaDeviceV5Validator : AbstractValidator<DisableMfaDeviceV5Request>
{
    public DisableMfaDeviceV5Validator() =>
        RuleFor(r => r.Body).Required("user_id").DependentRules(() =>
        {
            RuleFor(r => r.Body!.UserId).UserId();
            RuleFor(r => r.Body!.SerialNumber).SerialNumber();
        });
}

internal sealed class DeleteVirtualMfaDeviceV5Validator : AbstractValidator<DeleteVirtualMfaDeviceV5Request>
{
    public DeleteVirtualMfaDeviceV5Validator()
    {
        RuleFor(r => r.UserId).UserId();
        RuleFor(r => r.SerialNumber).SerialNumber();
    }
}

internal sealed class ListMfaDevicesV5Validator : AbstractValidator<ListMfaDevicesV5Request>
{
    public ListMfaDevicesV5Validator()
    {
        RuleFor(r => r.UserId).Must(v => IamV5Limits.UserId().IsMatch(v!)).When(r => r.UserId is not null)
            .As(IamErrors.InvalidInput("user_id", "must be 1 to 32 letters and digits"));
        RuleFor(r => r.Limit).Must(v => int.TryParse(v, out var n) && n is >= 1 and <= IamV5Limits.MaxLimit).When(r => r.Limit is not null)
            .As(IamErrors.InvalidParameter("limit", $"must be an integer from 1 to {IamV5Limits.MaxLimit}"));
        RuleFor(r => r.Marker).Must(v => IamV5Limits.Marker().IsMatch(v!) && PageMarker.Decode(v!) is not null).When(r => r.Marker is not null)
            .As(IamV5Errors.InvalidMarker());
    }
}
