using MfaEmulator.Common.Errors;

namespace MfaEmulator.Zitadel.LoginPolicy;

/// <summary>
/// The login policy's own ZITADEL errors, one method per error id (internal/command/org_policy_login.go,
/// instance_policy_login.go; texts from internal/static/i18n/en.yaml).
/// </summary>
internal static class LoginPolicyErrors
{
    public const string MultifactorAlreadyExists = "Multifactor already exists";
    public const string MultifactorNotExisting = "Multifactor not existing";
    public const string MultifactorInvalid = "Multifactor invalid";

    public static ApiError OrgFactorAlreadyExists() => new(409, "Org-2B0ps", MultifactorAlreadyExists, GrpcCodes.AlreadyExists);

    public static ApiError OrgFactorNotExisting() => new(404, "Org-3M9od", MultifactorNotExisting, GrpcCodes.NotFound);

    /// <summary>The instance's texts: the stored en.yaml gives its MFA keys the org's wording.</summary>
    public static ApiError InstanceFactorAlreadyExists() => new(409, "INSTANCE-2B0ps", MultifactorAlreadyExists, GrpcCodes.AlreadyExists);

    public static ApiError InstanceFactorNotExisting() => new(404, "INSTANCE-3M9od", MultifactorNotExisting, GrpcCodes.NotFound);

    public static ApiError LoginPolicyAlreadyExists() => new(409, "Org-Dgfb2", "Login Policy already exists", GrpcCodes.AlreadyExists);

    public static ApiError LoginPolicyNotFound() => new(404, "Org-GHB37", "Login Policy not found", GrpcCodes.NotFound);

    /// <summary>The command's own checks of AddCustomLoginPolicy are InvalidArgument errors with an id.</summary>
    public static ApiError RedirectUriInvalid() => new(400, "Org-WSfdq", "Default Redirect URI is invalid", GrpcCodes.InvalidArgument);

    public static ApiError SecondFactorInvalid() => new(400, "Org-SFeea", MultifactorInvalid, GrpcCodes.InvalidArgument);

    public static ApiError MultiFactorInvalid() => new(400, "Org-WSfrg", MultifactorInvalid, GrpcCodes.InvalidArgument);
}
