using System.Diagnostics.CodeAnalysis;
using MfaEmulator.Common.Errors;
using MfaEmulator.Emulator;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Huawei.Auth;

namespace MfaEmulator.Huawei.Iam;

/// <summary>Which strict-mode rule an operation on a user's MFA settings follows.</summary>
internal enum IamRule
{
    /// <summary>Self-service operations (iam_08_0017, iam_08_0019): the token must be the user's own.</summary>
    Self,

    /// <summary>The user, or an administrator of the account.</summary>
    SelfOrAdmin,

    /// <summary>iam_08_0021: an administrator cannot change their own login protection; others only their own.</summary>
    ChangeLoginProtect,

    /// <summary>Only the account's administrator (user management).</summary>
    Administrator,
}

/// <summary>
/// Who may act on whose MFA settings. Lenient mode allows everything within the caller's account; strict
/// mode applies the vendors' rules (self-service create/bind, administrator-only lists, and so on).
/// Users of other accounts are never visible: they answer as not found.
/// </summary>
internal sealed class IamAccess(HuaweiAccounts accounts, EmulatorOptions options)
{
    public bool Strict => options.Strict;

    /// <summary>
    /// The user a call acts on: one of the caller's account (else IAM's 404) whom the caller may act on under
    /// <paramref name="rule"/> (else the API's own refusal, from <paramref name="denied"/>).
    /// </summary>
    public bool TryTarget(
        HuaweiCaller caller, string userId, IamRule rule, Func<HuaweiUser, ApiError> denied,
        [NotNullWhen(true)] out HuaweiUser? user, [NotNullWhen(false)] out ApiError? error)
    {
        user = accounts.FindUser(userId) is { } found && found.DomainId == caller.DomainId ? found : null;
        if (user is null)
        {
            error = IamErrors.NotFound("user", userId);
            return false;
        }
        error = Allows(caller, user, rule) ? null : denied(user);
        return error is null;
    }

    public bool MayList(HuaweiCaller caller) => !Strict || caller.User.IsAdmin;

    private bool Allows(HuaweiCaller caller, HuaweiUser target, IamRule rule) => !Strict || rule switch
    {
        IamRule.Self => caller.User.Id == target.Id,
        IamRule.SelfOrAdmin => caller.User.IsAdmin || caller.User.Id == target.Id,
        IamRule.Administrator => caller.User.IsAdmin,
        _ => caller.User.IsAdmin ? caller.User.Id != target.Id : caller.User.Id == target.Id,
    };
}
