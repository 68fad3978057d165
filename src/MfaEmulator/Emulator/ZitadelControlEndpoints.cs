using System.Text.Json.Serialization;
using FluentValidation;
using MfaEmulator.Common.Errors;
using MfaEmulator.Zitadel.LoginPolicy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MfaEmulator.Emulator;

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
    public const string InvalidRequestCode = "emulator.invalid_request";
    public const string NotFoundCode = "emulator.not_found";

    public static IServiceCollection AddZitadelControl(this IServiceCollection services)
    {
        services.AddSingleton<IValidator<CreateZitadelOrgRequest>, CreateZitadelOrgRequestValidator>();
        services.AddSingleton<IValidator<IssueZitadelTokenRequest>, IssueZitadelTokenRequestValidator>();
        return services;
    }

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

    public static Created<CreatedZitadelOrg> CreateZitadelOrg(CreateZitadelOrgRequest request, ZitadelStore store)
    {
        var (org, owner) = store.CreateOrg(request.Name!)!.Value;
        return TypedResults.Created((string?)null, new CreatedZitadelOrg(org.Id, owner.Token));
    }

    public static Results<Created<IssuedZitadelToken>, ApiError> IssueZitadelToken(IssueZitadelTokenRequest request, ZitadelStore store)
    {
        var pat = store.IssueToken(request.OrgId!, request.Roles!);
        return pat is null
            ? new ApiError(StatusCodes.Status404NotFound, NotFoundCode, $"No ZITADEL organization has the id {request.OrgId}.")
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
            .WithErrorCode(ZitadelControlEndpoints.InvalidRequestCode)
            .WithMessage($"'name' must be 1 to {MaxNameLength} characters");
    }
}

internal sealed class IssueZitadelTokenRequestValidator : AbstractValidator<IssueZitadelTokenRequest>
{
    public IssueZitadelTokenRequestValidator()
    {
        RuleFor(r => r.OrgId)
            .NotEmpty()
            .WithErrorCode(ZitadelControlEndpoints.InvalidRequestCode)
            .WithMessage("'org_id' is required");
        RuleFor(r => r.Roles)
            .Must(roles => roles is { Count: > 0 })
            .WithErrorCode(ZitadelControlEndpoints.InvalidRequestCode)
            .WithMessage("'roles' must list at least one role");
        RuleForEach(r => r.Roles)
            .Must(role => role is not null && ZitadelRoles.Known.Contains(role, StringComparer.Ordinal))
            .WithErrorCode(ZitadelControlEndpoints.InvalidRequestCode)
            .WithMessage((_, role) => $"unknown role '{role}'; known roles: {string.Join(", ", ZitadelRoles.Known)}");
    }
}
