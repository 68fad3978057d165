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
    public const string IdpConfigNotExisting = "Identity Provider Configuration doesn't exist";

    public static ApiError OrgFactorAlreadyExists() => new(409, "Org-2B0ps", MultifactorAlreadyExists, GrpcCodes.AlreadyExists);

    public static ApiError OrgFactorNotExisting() => new(404, "Org-3M9od", MultifactorNotExisting, GrpcCodes.NotFound);

    /// <summary>The instance's texts: the stored en.yaml gives its MFA keys the org's wording.</summary>
    public static ApiError InstanceFactorAlreadyExists() => new(409, "INSTANCE-2B0ps", MultifactorAlreadyExists, GrpcCodes.AlreadyExists);

    public static ApiError InstanceFactorNotExisting() => new(404, "INSTANCE-3M9od", MultifactorNotExisting, GrpcCodes.NotFound);

    public static ApiError OrgMultiFactorAlreadyExists() => new(409, "Org-3M9od", MultifactorAlreadyExists, GrpcCodes.AlreadyExists);

    public static ApiError OrgMultiFactorNotExisting() => new(404, "Org-3M9df", MultifactorNotExisting, GrpcCodes.NotFound);

    public static ApiError InstanceMultiFactorAlreadyExists() => new(409, "INSTANCE-3M9od", MultifactorAlreadyExists, GrpcCodes.AlreadyExists);

    public static ApiError InstanceMultiFactorNotExisting() => new(404, "INSTANCE-3M9df", MultifactorNotExisting, GrpcCodes.NotFound);

    /// <summary>
    /// <c>Errors.Org.LoginPolicy.NotChanged</c> has no English text, so the key itself is the message, as real
    /// servers answer (terraform-provider-zitadel#127). FailedPrecondition is HTTP 400 at the gateway.
    /// </summary>
    public static ApiError OrgPolicyNotChanged() => new(400, "Org-5M9vdd", "Errors.Org.LoginPolicy.NotChanged", GrpcCodes.FailedPrecondition);

    public static ApiError InstancePolicyNotChanged() => new(400, "INSTANCE-5M9vdd", "Default Login Policy has not been changed", GrpcCodes.FailedPrecondition);

    /// <summary>UpdateCustomLoginPolicy on an org without a custom policy (<c>prepareChangeLoginPolicy</c>).</summary>
    public static ApiError UpdatedPolicyNotFound() => new(404, "Org-M0sif", "Login Policy not found", GrpcCodes.NotFound);

    public static ApiError UpdateRedirectUriInvalid() => new(400, "Org-Sfd21", "Default Redirect URI is invalid", GrpcCodes.InvalidArgument);

    public static ApiError InstanceRedirectUriInvalid() => new(400, "IAM-SFdqd", "Default Redirect URI is invalid", GrpcCodes.InvalidArgument);

    /// <summary>AddIDPToLoginPolicy: the org needs a custom policy first, then the IdP must exist (the emulator has none).</summary>
    public static ApiError IdpPolicyNotFound() => new(404, "Org-Ffgw2", "Login Policy not found", GrpcCodes.NotFound);

    public static ApiError OrgIdpNotExisting() => new(400, "Org-3N9fs", IdpConfigNotExisting, GrpcCodes.FailedPrecondition);

    public static ApiError InstanceIdpNotExisting() => new(400, "INSTANCE-m8fsd", IdpConfigNotExisting, GrpcCodes.FailedPrecondition);

    public static ApiError RemoveIdpPolicyNotFound() => new(404, "Org-GVDfe", "Login Policy not found", GrpcCodes.NotFound);

    /// <summary><c>Errors.Org.LoginPolicy.IDP.NotExisting</c> has no English text either: the key is the message.</summary>
    public static ApiError OrgIdpNotLinked() => new(404, "Org-39fjs", "Errors.Org.LoginPolicy.IDP.NotExisting", GrpcCodes.NotFound);

    public static ApiError InstanceIdpNotLinked() => new(404, "INSTANCE-39fjs", "Identity provider doesn't exist", GrpcCodes.NotFound);

    public static ApiError LoginPolicyAlreadyExists() => new(409, "Org-Dgfb2", "Login Policy already exists", GrpcCodes.AlreadyExists);

    public static ApiError LoginPolicyNotFound() => new(404, "Org-GHB37", "Login Policy not found", GrpcCodes.NotFound);

    /// <summary>The command's own checks of AddCustomLoginPolicy are InvalidArgument errors with an id.</summary>
    public static ApiError RedirectUriInvalid() => new(400, "Org-WSfdq", "Default Redirect URI is invalid", GrpcCodes.InvalidArgument);

    public static ApiError SecondFactorInvalid() => new(400, "Org-SFeea", MultifactorInvalid, GrpcCodes.InvalidArgument);

    public static ApiError MultiFactorInvalid() => new(400, "Org-WSfrg", MultifactorInvalid, GrpcCodes.InvalidArgument);
}
