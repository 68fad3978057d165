using MfaEmulator.Common.Errors;
using MfaEmulator.Huawei.Iam;

namespace MfaEmulator.Huawei.IamUsers;

/// <summary>
/// The user API's own errors. Under <c>/v3.0</c> they are IAM's codes (iam_02_0006); under <c>/v3</c> the Keystone
/// body has no code, only status, message and title.
/// </summary>
internal static class IamUsersErrors
{
    /// <summary>IAM documents both 400 "1109 username already exists" and 409 IAM.0005; the emulator answers the latter (DEVIATIONS.md).</summary>
    public static ApiError NameTaken(string name) => IamErrors.Conflict("user", $"The account already has a user named {name}.");

    public static ApiError OtherAccount(string domainId) =>
        IamErrors.NotAuthorized($"iam:users:createUser (domain_id {domainId} is not the caller's account)");

    /// <summary>Keystone: 404 "Could not find user: {id}."</summary>
    public static ApiError KeystoneUserNotFound(string userId) => new(404, null, $"Could not find user: {userId}.");

    /// <summary>Keystone: 403 for a caller who is not the account's administrator (strict mode).</summary>
    public static ApiError KeystoneForbidden() => new(403, null, "You are not authorized to perform the requested action.");

    /// <summary>The error table's 1107: the account's administrator cannot be deleted.</summary>
    public static ApiError AdministratorUndeletable() => new(400, null, "The account administrator cannot be deleted.");
}
