using System.Text.Json.Serialization;

namespace MfaEmulator.Huawei.Accounts;

/// <summary>A Huawei Cloud account (IAM "domain").</summary>
internal sealed record HuaweiDomain(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name);

/// <summary>
/// An IAM user of one account; the account's administrator has <see cref="IsAdmin"/>. <see cref="TokenStamp"/> is drawn
/// when the user is made and named by their sealed tokens (<see cref="TokenSeal"/>).
/// </summary>
internal sealed record HuaweiUser(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("domain_id")] string DomainId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("password")] string Password,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("mobile")] string? Mobile,
    [property: JsonPropertyName("admin")] bool IsAdmin,
    [property: JsonPropertyName("access_key")] string AccessKey,
    [property: JsonPropertyName("secret_key")] string SecretKey,
    [property: JsonPropertyName("profile")] UserProfile? Profile = null,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt = null,
    [property: JsonPropertyName("token_stamp")] long TokenStamp = 0)
{
    /// <summary>What IAM's user API shows and changes beyond the credentials; users from control routes have the defaults.</summary>
    [JsonIgnore]
    public UserProfile Details => Profile ?? UserProfile.Default;

    /// <summary>When the user was made (state files from before the user kept it had it in the profile).</summary>
    [JsonIgnore]
    public DateTimeOffset? Created => CreatedAt ?? Profile?.CreatedAt;
}

/// <summary>
/// The IAM user fields of CreateUser/UpdateUser (iam_08_0015, iam_08_0004) the emulator keeps. Users with the defaults
/// share <see cref="Default"/> (null on the user), so the creation time is the user's own field, not this record's;
/// <see cref="CreatedAt"/> is only read from older state files.
/// </summary>
internal sealed record UserProfile(
    [property: JsonPropertyName("enabled")] bool Enabled = true,
    [property: JsonPropertyName("description")] string Description = "",
    [property: JsonPropertyName("areacode")] string AreaCode = "",
    [property: JsonPropertyName("pwd_status")] bool PwdStatus = false,
    [property: JsonPropertyName("access_mode")] string AccessMode = "default",
    [property: JsonPropertyName("xuser_id")] string XuserId = "",
    [property: JsonPropertyName("xuser_type")] string XuserType = "",
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt = null)
{
    public static readonly UserProfile Default = new();
}

/// <summary>
/// A token issued by <c>POST /v3/auth/tokens</c> or handed out by the control routes: sealed (<see cref="TokenSeal"/>),
/// or, when a seed or control call fixes its value, kept by the store.
/// </summary>
internal sealed record IssuedToken(
    [property: JsonPropertyName("token")] string Value,
    [property: JsonPropertyName("user_id")] string UserId,
    IReadOnlyList<string> Methods,
    [property: JsonPropertyName("issued_at")] DateTimeOffset IssuedAt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("mfa_authn_at")] DateTimeOffset? MfaAuthnAt,
    [property: JsonPropertyName("project_id")] string? ProjectId,
    [property: JsonPropertyName("project_name")] string? ProjectName = null)
{
    /// <summary>Made shared here, so every way a token is made (issued, seeded, read from a state file) shares it.</summary>
    [JsonPropertyName("methods")]
    public IReadOnlyList<string> Methods { get; init; } = TokenMethods.Shared(Methods);
}

/// <summary>
/// The sign-in method lists tokens name, one shared instance each: a token per account would otherwise hold its own
/// one-element list (~30 bytes a token at 1,000,000 accounts, bench/results/scale.md).
/// </summary>
internal static class TokenMethods
{
    private static readonly string[][] Common = [["token"], ["password"], ["password", "totp"], ["totp", "password"]];

    public static IReadOnlyList<string> Shared(IReadOnlyList<string> methods) =>
        Array.Find(Common, common => common.SequenceEqual(methods)) ?? methods;
}

/// <summary>Identifiers a seed file or control-route caller may fix instead of having them generated.</summary>
internal sealed record FixedCredentials(string? UserId, string? AccessKey, string? SecretKey);
