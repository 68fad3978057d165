using System.Text.Json.Serialization;
using FluentValidation;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Validation;
using MfaEmulator.Emulator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MfaEmulator.Zitadel.Control;

internal sealed record CreateZitadelOrgRequest([property: JsonPropertyName("name")] string? Name);

internal sealed record CreatedZitadelOrg(
    [property: JsonPropertyName("org_id")] string OrgId,
    [property: JsonPropertyName("token")] string Token);

internal sealed record IssueZitadelTokenRequest(
    [property: JsonPropertyName("org_id")] string? OrgId,
    [property: JsonPropertyName("roles")] IReadOnlyList<string>? Roles);

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
            .WithSummary("Create a ZITADEL organization and an ORG_OWNER personal access token for it")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapPost("/tokens", IssueZitadelToken)
            .WithName("IssueZitadelToken")
            .WithSummary("Issue a ZITADEL personal access token with the given manager roles in an organization")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    public static Created<CreatedZitadelOrg> CreateZitadelOrg(CreateZitadelOrgRequest request, ZitadelOrgs orgs)
    {
        var (org, owner) = orgs.CreateOrg(request.Name!)!.Value;
        return TypedResults.Created((string?)null, new CreatedZitadelOrg(org.Id, owner.Token));
    }

    public static Results<Created<IssuedZitadelToken>, ApiError> IssueZitadelToken(IssueZitadelTokenRequest request, ZitadelOrgs orgs)
    {
        var pat = orgs.IssueToken(request.OrgId!, request.Roles!);
        return pat is null
            ? ControlErrors.NotFound($"No ZITADEL organization has the id {request.OrgId}.")
            : TypedResults.Created((string?)null, new IssuedZitadelToken(pat.Token));
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
    }
}

internal sealed class IssueZitadelTokenRequestValidator : AbstractValidator<IssueZitadelTokenRequest>
{
    public IssueZitadelTokenRequestValidator()
    {
        RuleFor(r => r.OrgId)
            .NotEmpty()
            .Invalid("'org_id' is required");
        RuleFor(r => r.Roles)
            .Must(roles => roles is { Count: > 0 })
            .Invalid("'roles' must list at least one role");
        RuleForEach(r => r.Roles)
            .Must(role => role is not null && ZitadelRoles.Known.Contains(role, StringComparer.Ordinal))
            .As((_, role) => ControlErrors.InvalidRequest($"unknown role '{role}'; known roles: {string.Join(", ", ZitadelRoles.Known)}"));
    }
}
