namespace MfaEmulator.Zitadel.LoginPolicy;

/// <summary>
/// The ZITADEL instance every fresh emulator starts with: its default org and that org's owner token are fixed
/// and documented in README.md so tests and CI can rely on them. Ids are 18-digit decimals like today's
/// Sonyflake ids (internal/id/sonyflake.go).
/// </summary>
internal static class DefaultZitadelInstance
{
    public const string InstanceId = "312909075211944344";
    public const string OrgId = "312909075212468632";
    public const string OrgName = "ZITADEL";

    /// <summary>A personal access token of the default org's machine user, with ORG_OWNER and IAM_OWNER; it never expires.</summary>
    public const string OwnerPat = "zitadel-emulator-owner-pat-00000000000000000000000000000000000000000001";

    /// <summary>
    /// Events on an org's aggregate when it is created (org added, domain added, verified and set primary, owner
    /// member added), so its first change answers sequence 6. Sequences only have to grow, not match a server.
    /// </summary>
    public const ulong OrgEventsAtCreation = 5;

    /// <summary>Events on the instance aggregate after setup; the setup's many events are not modelled one by one.</summary>
    public const ulong InstanceEventsAtSetup = 40;

    /// <summary>
    /// The instance's default login policy as setup writes it: cmd/defaults.yaml <c>DefaultInstance.LoginPolicy</c>
    /// (240h password and external login checks, 720h MFA init skip, 18h second factor, 12h multi-factor,
    /// passwordless allowed, domain discovery on) and, from internal/command/instance.go, second factors OTP and U2F
    /// and multi-factor U2F with verification.
    /// </summary>
    public static LoginPolicySettings DefaultLoginPolicy(ulong sequence, DateTimeOffset at) => new(
        AllowUsernamePassword: true,
        AllowRegister: true,
        AllowExternalIdp: true,
        ForceMfa: false,
        ForceMfaLocalOnly: false,
        PasswordlessType: ZitadelEnums.PasswordlessAllowed,
        HidePasswordReset: false,
        IgnoreUnknownUsernames: false,
        AllowDomainDiscovery: true,
        DisableLoginWithEmail: false,
        DisableLoginWithPhone: false,
        DefaultRedirectUri: "",
        PasswordCheckLifetime: TimeSpan.FromHours(240),
        ExternalLoginCheckLifetime: TimeSpan.FromHours(240),
        MfaInitSkipLifetime: TimeSpan.FromHours(720),
        SecondFactorCheckLifetime: TimeSpan.FromHours(18),
        MultiFactorCheckLifetime: TimeSpan.FromHours(12),
        SecondFactors: [ZitadelEnums.Otp, ZitadelEnums.U2F],
        MultiFactors: [ZitadelEnums.U2FWithVerification],
        Sequence: sequence,
        CreationDate: at,
        ChangeDate: at);
}
