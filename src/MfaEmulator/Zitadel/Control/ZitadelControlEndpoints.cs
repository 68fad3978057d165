using System.Text.Json.Serialization;
using FluentValidation;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Json;
using MfaEmulator.Common.Validation;
using MfaEmulator.Emulator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MfaEmulator.Zitadel.Control;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record CreateZitadelOrgRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("org_id")] string? OrgId = null,
    [property: JsonPropertyName("token")] string? Token = null);

internal sealed record CreatedZitadelOrg(
    [property: JsonPropertyName("org_id")] string OrgId,
    [property: JsonPropertyName("token")] string Token);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record IssueZitadelTokenRequest(
    [property: JsonPropertyName("org_id")] string? OrgId,
    [property: JsonPropertyName("roles")] IReadOnlyList<string>? Roles,
    [property: JsonPropertyName("token")] string? Token = null);

internal sealed record IssuedZitadelToken([property: JsonPropertyName("token")] string Token);

/// <summary>
/// Control routes for ZITADEL: create organizations (each with an ORG_OWNER personal access token) and issue
/// tokens with chosen manager roles, which strict mode requires.
/// </summary>
internal static class ZitadelControlEndpoints
{
    public static RouteGroupBuilder MapZitadelControl(this RouteGroupBuilder emulatorGroup)
    {
        var group = emulatorGroup.MapGroup("/zitadel");

        group.MapPost("/orgs", CreateZitadelOrg)
            .WithName("CreateZitadelOrg")
            .WithRequestExample(new { name = "acme" })
            .WithSummary("Create a ZITADEL organization and an ORG_OWNER personal access token for it (org_id and token may be given)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/tokens", IssueZitadelToken)
            .WithName("IssueZitadelToken")
            .WithRequestExample(new { org_id = DefaultZitadelInstance.OrgId, roles = new[] { ZitadelRoles.OrgOwnerViewer } })
            .WithSummary("Issue a ZITADEL personal access token with the given manager roles in an organization")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }

    /// <summary>As a seed file's org: a given org_id and owner token are kept (409 when either is taken).</summary>
    public static Results<JsonCreated<CreatedZitadelOrg>, ApiError> CreateZitadelOrg(CreateZitadelOrgRequest request, ZitadelOrgs orgs) =>
        orgs.CreateOrg(request.Name!, request.OrgId, request.Token) is var (org, owner)
            ? JsonResults.Created((string?)null, new CreatedZitadelOrg(org.Id, owner.Token))
            : ControlErrors.Conflict("emulator.org_exists", "The org_id or the token is taken already.");

    public static Results<JsonCreated<IssuedZitadelToken>, ApiError> IssueZitadelToken(IssueZitadelTokenRequest request, ZitadelOrgs orgs)
    {
        if (!orgs.OrgExists(request.OrgId!))
        {
            return ControlErrors.NotFound($"No ZITADEL organization has the id {request.OrgId}.");
        }
        var pat = orgs.IssueToken(request.OrgId!, request.Roles!, request.Token);
        return pat is null
            ? ControlErrors.Conflict("emulator.token_exists", "The token is taken already.")
            : JsonResults.Created((string?)null, new IssuedZitadelToken(pat.Token));
    }
}

internal sealed class CreateZitadelOrgRequestValidator : AbstractValidator<CreateZitadelOrgRequest>
{
    public const int MaxNameLength = 200;

    public CreateZitadelOrgRequestValidator()
    {
        RuleFor(r => r.Name)
            .Must(name => !string.IsNullOrWhiteSpace(name) && name.Length <= MaxNameLength)
            .Invalid($"'name' must be 1 to {MaxNameLength} characters");
        RuleFor(r => r.OrgId).Must(id => id is null || id.Length == 18 && id.All(char.IsAsciiDigit))
            .Invalid("'org_id' is 18 digits, as ZITADEL's ids are");
        RuleFor(r => r.Token).Must(t => t is null || t.Length is > 0 and <= 256)
            .Invalid("'token' is 1 to 256 characters");
    }
}

internal sealed class IssueZitadelTokenRequestValidator : AbstractValidator<IssueZitadelTokenRequest>
{
    public IssueZitadelTokenRequestValidator()
    {
        RuleFor(r => r.OrgId)
            .NotEmpty()
            .Invalid("'org_id' is required");
        RuleFor(r => r.Token).Must(t => t is null || t.Length is > 0 and <= 256)
            .Invalid("'token' is 1 to 256 characters");
        RuleFor(r => r.Roles)
            .Must(roles => roles is { Count: > 0 })
            .Invalid("'roles' must list at least one role");
        RuleForEach(r => r.Roles)
            .Must(role => role is not null && ZitadelRoles.Known.Contains(role, StringComparer.Ordinal))
            .As((_, role) => ControlErrors.InvalidRequest($"unknown role '{role}'; known roles: {string.Join(", ", ZitadelRoles.Known)}"));
    }
}

/// <summary>The JSON metadata of the ZITADEL error body and control routes, generated at compile time (see JsonContracts).</summary>
[JsonSerializable(typeof(ZitadelErrorEnvelope))]
[JsonSerializable(typeof(CreateZitadelOrgRequest))]
[JsonSerializable(typeof(CreatedZitadelOrg))]
[JsonSerializable(typeof(IssueZitadelTokenRequest))]
[JsonSerializable(typeof(IssuedZitadelToken))]
internal sealed partial class ZitadelJsonContext : JsonSerializerContext;
