namespace MfaEmulator.Zitadel.LoginPolicy;

internal static class DefaultLoginPolicy
{
    /// <summary>
    /// The instance's default login policy as setup writes it: cmd/defaults.yaml <c>DefaultInstance.LoginPolicy</c>
    /// (240h password and external login checks, 720h MFA init skip, 18h second factor, 12h multi-factor,
    /// passwordless allowed, domain discovery on) and, from internal/command/instance.go, second factors OTP and U2F
    /// and multi-factor U2F with verification.
    /// </summary>
    public static LoginPolicySettings Create(ulong sequence, DateTimeOffset at) => new(
        AllowUsernamePassword: true,
        AllowRegister: true,
        AllowExternalIdp: true,
        ForceMfa: false,
        ForceMfaLocalOnly: false,
        PasswordlessType: LoginPolicyEnums.PasswordlessAllowed,
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
        SecondFactors: [LoginPolicyEnums.Otp, LoginPolicyEnums.U2F],
        MultiFactors: [LoginPolicyEnums.U2FWithVerification],
        Sequence: sequence,
        CreationDate: at,
        ChangeDate: at);
}
