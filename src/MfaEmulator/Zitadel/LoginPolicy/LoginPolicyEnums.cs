namespace MfaEmulator.Zitadel.LoginPolicy;

/// <summary>The enums of proto/zitadel/policy.proto the login policy uses.</summary>
internal static class LoginPolicyEnums
{
    public const int Otp = 1;
    public const int U2F = 2;
    public const int U2FWithVerification = 1;
    public const int PasswordlessAllowed = 1;

    /// <summary>zitadel.policy.v1.SecondFactorType. (Newer servers add RECOVERY_CODES; @zitadel/proto 1.3.1 has no such value.)</summary>
    public static readonly ProtoEnum SecondFactorType = new(
        "SECOND_FACTOR_TYPE_UNSPECIFIED",
        "SECOND_FACTOR_TYPE_OTP",
        "SECOND_FACTOR_TYPE_U2F",
        "SECOND_FACTOR_TYPE_OTP_EMAIL",
        "SECOND_FACTOR_TYPE_OTP_SMS");

    /// <summary>zitadel.policy.v1.MultiFactorType.</summary>
    public static readonly ProtoEnum MultiFactorType = new("MULTI_FACTOR_TYPE_UNSPECIFIED", "MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION");

    /// <summary>zitadel.idp.v1.IDPOwnerType.</summary>
    public static readonly ProtoEnum IdpOwnerType = new("IDP_OWNER_TYPE_UNSPECIFIED", "IDP_OWNER_TYPE_SYSTEM", "IDP_OWNER_TYPE_ORG");

    /// <summary>zitadel.policy.v1.PasswordlessType.</summary>
    public static readonly ProtoEnum PasswordlessType = new("PASSWORDLESS_TYPE_NOT_ALLOWED", "PASSWORDLESS_TYPE_ALLOWED");
}
