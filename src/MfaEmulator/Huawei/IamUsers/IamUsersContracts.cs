using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace MfaEmulator.Huawei.IamUsers;

// CreateUser (iam_08_0015) and UpdateUser (iam_08_0004): {"user": {...}}; field names of the SDK's CreateUserOption.
internal sealed record UserOption(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("domain_id")] string? DomainId,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("areacode")] string? AreaCode,
    [property: JsonPropertyName("phone")] string? Phone,
    [property: JsonPropertyName("enabled")] bool? Enabled,
    [property: JsonPropertyName("pwd_status")] bool? PwdStatus,
    [property: JsonPropertyName("xuser_type")] string? XuserType,
    [property: JsonPropertyName("xuser_id")] string? XuserId,
    [property: JsonPropertyName("access_mode")] string? AccessMode,
    [property: JsonPropertyName("description")] string? Description);

internal sealed record UserBody([property: JsonPropertyName("user")] UserOption? User);

internal sealed record CreateUserRequest
{
    [FromBody]
    public UserBody? Body { get; init; }
}

internal sealed record UpdateUserRequest
{
    [FromRoute(Name = "user_id")]
    public required string UserId { get; init; }

    [FromBody]
    public UserBody? Body { get; init; }
}

// ShowUser (iam_08_0003, GET /v3.0/OS-USER/users/{user_id}) and KeystoneDeleteUser (DELETE /v3/users/{user_id}).
internal sealed record ShowUserRequest
{
    [FromRoute(Name = "user_id")]
    public required string UserId { get; init; }
}

internal sealed record DeleteUserRequest
{
    [FromRoute(Name = "user_id")]
    public required string UserId { get; init; }
}

// KeystoneListUsers (GET /v3/users): filters only, no paging.
internal sealed record ListUsersRequest
{
    [FromQuery(Name = "domain_id")]
    public string? DomainId { get; init; }

    [FromQuery(Name = "name")]
    public string? Name { get; init; }

    [FromQuery(Name = "enabled")]
    public string? Enabled { get; init; }
}

internal sealed record UserLinks(
    [property: JsonPropertyName("self")] string Self,
    [property: JsonPropertyName("previous")] string? Previous = null,
    [property: JsonPropertyName("next")] string? Next = null);

/// <summary>CreateUserResult: note <c>create_time</c> as <c>2020-01-06T08:05:16.000000</c> (the page's example).</summary>
internal sealed record CreatedUserView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("domain_id")] string DomainId,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("areacode")] string AreaCode,
    [property: JsonPropertyName("phone")] string Phone,
    [property: JsonPropertyName("pwd_status")] bool PwdStatus,
    [property: JsonPropertyName("access_mode")] string AccessMode,
    [property: JsonPropertyName("xuser_id")] string XuserId,
    [property: JsonPropertyName("xuser_type")] string XuserType,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("is_domain_owner")] bool IsDomainOwner,
    [property: JsonPropertyName("create_time")] string? CreateTime,
    [property: JsonPropertyName("xdomain_id")] string XdomainId = "",
    [property: JsonPropertyName("xdomain_type")] string XdomainType = "");

/// <summary>ShowUserResult (and UpdateUser's answer): <c>create_time</c> as <c>2020-07-08 02:19:03.0</c>; times it does not keep are null.</summary>
internal sealed record UserView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("domain_id")] string DomainId,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("links")] UserLinks Links,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("areacode")] string AreaCode,
    [property: JsonPropertyName("phone")] string Phone,
    [property: JsonPropertyName("pwd_status")] bool PwdStatus,
    [property: JsonPropertyName("pwd_strength")] string PwdStrength,
    [property: JsonPropertyName("access_mode")] string AccessMode,
    [property: JsonPropertyName("xuser_id")] string XuserId,
    [property: JsonPropertyName("xuser_type")] string XuserType,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("is_domain_owner")] bool IsDomainOwner,
    [property: JsonPropertyName("create_time")] string? CreateTime,
    [property: JsonPropertyName("update_time")] string? UpdateTime,
    [property: JsonPropertyName("last_login_time")] string? LastLoginTime);

internal sealed record CreatedUserResponse([property: JsonPropertyName("user")] CreatedUserView User);

internal sealed record UserResponse([property: JsonPropertyName("user")] UserView User);

/// <summary>KeystoneListUsersResult.</summary>
internal sealed record KeystoneUserView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("domain_id")] string DomainId,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("pwd_status")] bool PwdStatus,
    [property: JsonPropertyName("access_mode")] string AccessMode,
    [property: JsonPropertyName("password_expires_at")] string? PasswordExpiresAt,
    [property: JsonPropertyName("links")] UserLinks Links);

internal sealed record ListUsersResponse(
    [property: JsonPropertyName("links")] UserLinks Links,
    [property: JsonPropertyName("users")] IReadOnlyList<KeystoneUserView> Users);

/// <summary>The JSON metadata of IAM users' bodies and answers, generated at compile time (see JsonContracts).</summary>
[JsonSerializable(typeof(UserBody))]
[JsonSerializable(typeof(CreatedUserResponse))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(ListUsersResponse))]
internal sealed partial class IamUsersJsonContext : JsonSerializerContext;
