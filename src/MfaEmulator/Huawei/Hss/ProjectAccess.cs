using MfaEmulator.Common.Errors;
using MfaEmulator.Emulator;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Huawei.Auth;

namespace MfaEmulator.Huawei.Hss;

/// <summary>
/// Strict mode: a project belongs to one account, the first that uses it (or the one a control route or seed names),
/// and another account's caller is refused by the gateway. Lenient mode lets every caller use every project.
/// </summary>
internal sealed class ProjectAccess(HuaweiAccounts accounts, EmulatorOptions options)
{
    public ApiError? Refusal(HuaweiCaller caller, string projectId) =>
        !options.Strict || accounts.ClaimProject(projectId, caller.DomainId)
            ? null
            : GatewayErrors.NotAllowed($"project {projectId} belongs to another account");
}
