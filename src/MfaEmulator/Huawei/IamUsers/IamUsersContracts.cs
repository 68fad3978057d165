using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace MfaEmulator.Huawei.IamUsers;

// ShowUser (IAM "Querying IAM user details", GET /v3.0/OS-USER/users/{user_id}); fields of the SDK's ShowUserResult.
internal sealed record ShowUserRequest([property: FromRoute(Name = "user_id")] string UserId);

internal sealed record ShowUserResponse([property: JsonPropertyName("user")] UserView User);

internal sealed record UserLinks([property: JsonPropertyName("self")] string Self);

/// <summary>What the emulator knows of a user; fields it does not model (xuser_*, create_time, last_login_time, …) are left out.</summary>
internal sealed record UserView(
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("domain_id")] string DomainId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("links")] UserLinks Links,
    [property: JsonPropertyName("email"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email,
    [property: JsonPropertyName("phone"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Phone,
    [property: JsonPropertyName("pwd_status")] bool PwdStatus,
    [property: JsonPropertyName("is_domain_owner")] bool IsDomainOwner,
    [property: JsonPropertyName("access_mode")] string AccessMode,
    [property: JsonPropertyName("description")] string Description);
