using MfaEmulator.Common.Auth;
using MfaEmulator.Emulator;
using MfaEmulator.Huawei.Accounts;

namespace MfaEmulator.Huawei;

/// <summary>
/// Who may act on whose MFA settings. Lenient mode allows everything within the caller's account; strict
/// mode applies the vendors' rules (self-service create/bind, administrator-only lists, and so on).
/// Users of other accounts are never visible: they answer as not found.
/// </summary>
internal sealed class IamAccess(HuaweiAccounts accounts, EmulatorOptions options)
{
    public bool Strict => options.Strict;

    public HuaweiUser? UserInCallersAccount(HuaweiCaller caller, string userId) =>
        accounts.FindUser(userId) is { } user && user.DomainId == caller.DomainId ? user : null;

    /// <summary>Self-service operations (iam_08_0017, iam_08_0019): the token must be the user's own.</summary>
    public bool MayActAsSelf(HuaweiCaller caller, HuaweiUser target) => !Strict || caller.User.Id == target.Id;

    public bool MayManage(HuaweiCaller caller, HuaweiUser target) => !Strict || caller.User.IsAdmin || caller.User.Id == target.Id;

    public bool MayList(HuaweiCaller caller) => !Strict || caller.User.IsAdmin;

    /// <summary>iam_08_0021: an administrator cannot change their own login protection; others only their own.</summary>
    public bool MayChangeLoginProtect(HuaweiCaller caller, HuaweiUser target) =>
        !Strict || (caller.User.IsAdmin ? caller.User.Id != target.Id : caller.User.Id == target.Id);
}
