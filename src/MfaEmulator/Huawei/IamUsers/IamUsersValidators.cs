using FluentValidation;
using MfaEmulator.Common.Validation;
using MfaEmulator.Huawei.Iam;
using MfaEmulator.Huawei.Keystone;

namespace MfaEmulator.Huawei.IamUsers;

/// <summary>Limits of iam_08_0015 / iam_08_0004 (the 2026 SDK's 1-64 character names).</summary>
internal static partial class IamUserLimits
{
    public const int MaxUserIdLength = 64;
    public const int MaxNameLength = 64;
    public const int MaxEmailLength = 255;
    public const int MaxPhoneLength = 32;
    public const int MaxPasswordLength = 32;
    public const int MaxDescriptionLength = 255;
    public static readonly string[] AccessModes = ["default", "programmatic", "console"];

    /// <summary>Letters, digits, spaces, '-', '_' and '.', not starting with a digit or a space.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z_.-][A-Za-z0-9 _.-]{0,63}$")]
    public static partial System.Text.RegularExpressions.Regex Name();
}

/// <summary>The rules CreateUser and UpdateUser share; creating makes name and domain_id required.</summary>
internal abstract class UserOptionRules<T> : AbstractValidator<T>
{
    protected void Option(System.Linq.Expressions.Expression<Func<T, UserOption?>> option, bool creating)
    {
        RuleFor(option).Required("user").OverridePropertyName("user").DependentRules(() =>
        {
            var user = option.Compile();
            if (creating)
            {
                RuleFor(r => user(r)!.Name).Required("name");
                RuleFor(r => user(r)!.DomainId).RequiredText("domain_id", IamUserLimits.MaxUserIdLength);
            }
            RuleFor(r => user(r)!.Name).Must(n => n is null || IamUserLimits.Name().IsMatch(n))
                .As(IamErrors.InvalidInput("name", "must be 1 to 64 letters, digits, spaces, '-', '_' or '.', not starting with a digit or a space"));
            RuleFor(r => user(r)!.Email).Must(e => e is null or "" || e.Length <= IamUserLimits.MaxEmailLength && e.Contains('@', StringComparison.Ordinal))
                .As(IamErrors.InvalidInput("email", $"must be an email address of at most {IamUserLimits.MaxEmailLength} characters"));
            RuleFor(r => user(r)!.Phone).Must(p => p is null or "" || p.Length <= IamUserLimits.MaxPhoneLength && p.All(char.IsAsciiDigit))
                .As(IamErrors.InvalidInput("phone", $"must be at most {IamUserLimits.MaxPhoneLength} digits"));
            RuleFor(r => user(r)!).Must(u => string.IsNullOrEmpty(u.Phone) == string.IsNullOrEmpty(u.AreaCode))
                .As(IamErrors.InvalidInput("areacode", "areacode and phone go together"));
            RuleFor(r => user(r)!.Password).Must(p => p is null || p.Length is >= 6 and <= IamUserLimits.MaxPasswordLength)
                .As(IamErrors.InvalidInput("password", $"must be 6 to {IamUserLimits.MaxPasswordLength} characters"));
            RuleFor(r => user(r)!.AccessMode).Must(m => m is null || IamUserLimits.AccessModes.Contains(m))
                .As(IamErrors.InvalidInput("access_mode", "must be default, programmatic or console"));
            RuleFor(r => user(r)!.Description).Must(d => d is null || d.Length <= IamUserLimits.MaxDescriptionLength)
                .As(IamErrors.InvalidInput("description", $"must be at most {IamUserLimits.MaxDescriptionLength} characters"));
            RuleFor(r => user(r)!).Must(u => string.IsNullOrEmpty(u.XuserId) == string.IsNullOrEmpty(u.XuserType))
                .As(IamErrors.InvalidInput("xuser_id", "xuser_id and xuser_type go together"));
        });
    }
}

internal sealed class CreateUserValidator : UserOptionRules<CreateUserRequest>
{
    public CreateUserValidator() => Option(r => r.Body == null ? null : r.Body.User, creating: true);
}

internal sealed class UpdateUserValidator : UserOptionRules<UpdateUserRequest>
{
    public UpdateUserValidator()
    {
        RuleFor(r => r.UserId).Must(IsUserId).As(IamErrors.InvalidParameter("user_id", $"must be 1 to {IamUserLimits.MaxUserIdLength} characters"));
        Option(r => r.Body == null ? null : r.Body.User, creating: false);
    }

    public static bool IsUserId(string? id) => !string.IsNullOrWhiteSpace(id) && id.Length <= IamUserLimits.MaxUserIdLength;
}

internal sealed class ShowUserValidator : AbstractValidator<ShowUserRequest>
{
    public ShowUserValidator() =>
        RuleFor(r => r.UserId).Must(UpdateUserValidator.IsUserId)
            .As(IamErrors.InvalidParameter("user_id", $"must be 1 to {IamUserLimits.MaxUserIdLength} characters"));
}

internal sealed class DeleteUserValidator : AbstractValidator<DeleteUserRequest>
{
    public DeleteUserValidator() =>
        RuleFor(r => r.UserId).Must(UpdateUserValidator.IsUserId)
            .As(KeystoneErrors.BadRequest($"Invalid input for field 'user_id': 1 to {IamUserLimits.MaxUserIdLength} characters."));
}

internal sealed class ListUsersValidator : AbstractValidator<ListUsersRequest>
{
    public ListUsersValidator()
    {
        RuleFor(r => r.Enabled).Must(e => e is null or "true" or "false")
            .As(KeystoneErrors.BadRequest("Invalid input for field 'enabled': true or false."));
        RuleFor(r => r.Name).Must(n => n is null || n.Length <= IamUserLimits.MaxNameLength)
            .As(KeystoneErrors.BadRequest($"Invalid input for field 'name': at most {IamUserLimits.MaxNameLength} characters."));
        RuleFor(r => r.DomainId).Must(d => d is null || d.Length <= IamUserLimits.MaxUserIdLength)
            .As(KeystoneErrors.BadRequest("Invalid input for field 'domain_id'."));
    }
}
