using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace MfaEmulator.Huawei.Keystone;

// KeystoneCreateUserTokenByPassword (iam_30_0001) and …ByPasswordAndMfa (iam_03_0006).
internal sealed record CreateTokenBody([property: JsonPropertyName("auth")] TokenAuth? Auth);

internal sealed record TokenAuth(
    [property: JsonPropertyName("identity")] TokenIdentity? Identity,
    [property: JsonPropertyName("scope")] TokenScope? Scope);

internal sealed record TokenIdentity(
    [property: JsonPropertyName("methods")] IReadOnlyList<string?>? Methods,
    [property: JsonPropertyName("password")] PasswordMethod? Password,
    [property: JsonPropertyName("totp")] TotpMethod? Totp);

internal sealed record PasswordMethod([property: JsonPropertyName("user")] PasswordUser? User);

internal sealed record PasswordUser(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("domain")] NamedRef? Domain);

internal sealed record TotpMethod([property: JsonPropertyName("user")] TotpUser? User);

internal sealed record TotpUser(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("passcode")] string? Passcode);

internal sealed record NamedRef(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name);

internal sealed record TokenScope(
    [property: JsonPropertyName("project")] NamedRef? Project,
    [property: JsonPropertyName("domain")] NamedRef? Domain);

internal sealed record CreateTokenRequest
{
    [FromBody]
    public CreateTokenBody? Body { get; init; }

    [FromQuery(Name = "nocatalog")]
    public string? NoCatalog { get; init; }
}

internal sealed record TokenResponse([property: JsonPropertyName("token")] TokenBody Token);

internal sealed record TokenBody(
    [property: JsonPropertyName("expires_at")] string ExpiresAt,
    [property: JsonPropertyName("issued_at")] string IssuedAt,
    [property: JsonPropertyName("methods")] IReadOnlyList<string> Methods,
    [property: JsonPropertyName("user")] TokenUserView User,
    [property: JsonPropertyName("project"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProjectView? Project,
    [property: JsonPropertyName("domain"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DomainView? Domain,
    [property: JsonPropertyName("roles")] IReadOnlyList<RoleView> Roles,
    [property: JsonPropertyName("catalog")] IReadOnlyList<CatalogEntry> Catalog,
    [property: JsonPropertyName("mfa_authn_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MfaAuthnAt);

internal sealed record TokenUserView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("domain")] DomainView Domain,
    [property: JsonPropertyName("password_expires_at")] string PasswordExpiresAt);

internal sealed record DomainView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name);

internal sealed record ProjectView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("domain")] DomainView Domain);

internal sealed record RoleView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name);

/// <summary>A service of the token's catalog (iam_30_0001 tables 15/16): the emulator's own base URL serves them all.</summary>
internal sealed record CatalogEntry(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("endpoints")] IReadOnlyList<CatalogEndpoint> Endpoints);

internal sealed record CatalogEndpoint(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("interface")] string Interface,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("region_id")] string RegionId,
    [property: JsonPropertyName("url")] string Url);

// KeystoneValidateToken (GET /v3/auth/tokens): the token to check in X-Subject-Token.
internal sealed record ValidateTokenRequest
{
    [FromHeader(Name = "X-Subject-Token")]
    public string? SubjectToken { get; init; }

    [FromQuery(Name = "nocatalog")]
    public string? NoCatalog { get; init; }
}

// KeystoneListProjects / KeystoneListAuthDomains: the SDKs call these to find ids they were not given.
internal sealed record ListProjectsRequest
{
    [FromQuery(Name = "name")]
    public string? Name { get; init; }
}

internal sealed record ProjectsResponse([property: JsonPropertyName("projects")] IReadOnlyList<ProjectListItem> Projects);

internal sealed record ProjectListItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("domain_id")] string DomainId,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("is_domain")] bool IsDomain);

internal sealed record DomainsResponse([property: JsonPropertyName("domains")] IReadOnlyList<DomainListItem> Domains);

internal sealed record DomainListItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("enabled")] bool Enabled);

/// <summary>The JSON metadata of Keystone's bodies and answers, generated at compile time (see JsonContracts).</summary>
[JsonSerializable(typeof(CreateTokenBody))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(ProjectsResponse))]
[JsonSerializable(typeof(DomainsResponse))]
[JsonSerializable(typeof(KeystoneErrorEnvelope))]
internal sealed partial class KeystoneJsonContext : JsonSerializerContext;
