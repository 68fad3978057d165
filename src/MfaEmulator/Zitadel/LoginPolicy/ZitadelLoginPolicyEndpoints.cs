using FluentValidation;
using MfaEmulator.Common.Auth;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Store;
using MfaEmulator.Common.Validation;
using MfaEmulator.Emulator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MfaEmulator.Zitadel.LoginPolicy;

/// <summary>
/// ZITADEL's login policy second factors over the v1 REST gateway: the management API on an org (seed 004,
/// AddSecondFactorToLoginPolicy) with its read-back and the custom policy around it, and the admin API on the
/// instance default. Route names are the gRPC method names.
/// </summary>
internal static class ZitadelLoginPolicyEndpoints
{
    public const string ManagementTag = "ZITADEL Management v1: login policy";
    public const string AdminTag = "ZITADEL Admin v1: default login policy";

    public static IServiceCollection AddZitadelLoginPolicy(this IServiceCollection services)
    {
        services.AddEmulatorStore<ZitadelStore>();
        services.AddSingleton<ApiFamily, ZitadelFamily>();
        services.AddSingleton<IValidator<AddSecondFactorRequest>, AddSecondFactorRequestValidator>();
        services.AddSingleton<IValidator<RemoveSecondFactorRequest>, RemoveSecondFactorRequestValidator>();
        services.AddSingleton<IValidator<AddCustomLoginPolicyRequest>, AddCustomLoginPolicyRequestValidator>();
        // The control routes that create orgs and tokens validate their requests too.
        services.AddZitadelControl();
        services.AddSingleton<ISeedSection, ZitadelSeedSection>();
        return services;
    }

    public static IEndpointRouteBuilder MapZitadelLoginPolicy(this IEndpointRouteBuilder routes)
    {
        MapManagement(routes.MapGroup("/management/v1/policies")
            .WithTags(ManagementTag)
            .RequireVendorCredentials()
            .WithValidation());
        MapAdmin(routes.MapGroup("/admin/v1/policies")
            .WithTags(AdminTag)
            .RequireVendorCredentials()
            .WithValidation());
        return routes;
    }

    private static void MapManagement(RouteGroupBuilder group)
    {
        group.MapPost("/login/second_factors", AddSecondFactorToLoginPolicy)
            .WithName("AddSecondFactorToLoginPolicy")
            .WithSummary("Add a second factor (2FA) to the organization's login policy")
            .WithDescription("Body {\"type\": \"SECOND_FACTOR_TYPE_OTP\"} (name or number). Accepted even when the org has no custom login policy, as ZITADEL does; the factor then stays invisible until one exists.")
            .RequireZitadelPermission(ZitadelRoles.PolicyWrite)
            .ProducesErrors<ZitadelErrorEnvelope>(400, 401, 403, 409);

        group.MapPost("/login/second_factors/_search", ListLoginPolicySecondFactors)
            .WithName("ListLoginPolicySecondFactors")
            .WithSummary("List the second factors of the organization's login policy (or of the default)")
            .WithDescription("The request body is not read.")
            .RequireZitadelPermission(ZitadelRoles.PolicyRead)
            .ProducesErrors<ZitadelErrorEnvelope>(401, 403);

        group.MapDelete("/login/second_factors/{type}", RemoveSecondFactorFromLoginPolicy)
            .WithName("RemoveSecondFactorFromLoginPolicy")
            .WithSummary("Remove a second factor from the organization's login policy")
            .WithDescription("{type} is the enum name (SECOND_FACTOR_TYPE_OTP) or its number (1).")
            .RequireZitadelPermission(ZitadelRoles.PolicyWrite)
            .ProducesErrors<ZitadelErrorEnvelope>(400, 401, 403, 404);

        group.MapGet("/login", GetLoginPolicy)
            .WithName("GetLoginPolicy")
            .WithSummary("The organization's login policy, or the instance default with isDefault")
            .RequireZitadelPermission(ZitadelRoles.PolicyRead)
            .ProducesErrors<ZitadelErrorEnvelope>(401, 403);

        group.MapGet("/default/login", GetDefaultLoginPolicy)
            .WithName("GetDefaultLoginPolicy")
            .WithSummary("The instance's default login policy")
            .RequireZitadelPermission(ZitadelRoles.PolicyRead)
            .ProducesErrors<ZitadelErrorEnvelope>(401, 403);

        group.MapPost("/login", AddCustomLoginPolicy)
            .WithName("AddCustomLoginPolicy")
            .WithSummary("Give the organization its own login policy")
            .WithDescription("Fields by JSON name (allowRegister) or proto name (allow_register); secondFactors become the policy's second factors.")
            .RequireZitadelPermission(ZitadelRoles.PolicyWrite)
            .ProducesErrors<ZitadelErrorEnvelope>(400, 401, 403, 409);

        group.MapDelete("/login", ResetLoginPolicyToDefault)
            .WithName("ResetLoginPolicyToDefault")
            .WithSummary("Remove the organization's login policy so the instance default applies again")
            .RequireZitadelPermission(ZitadelRoles.PolicyDelete)
            .ProducesErrors<ZitadelErrorEnvelope>(401, 403, 404);
    }

    private static void MapAdmin(RouteGroupBuilder group)
    {
        group.MapGet("/login", AdminGetLoginPolicy)
            .WithName("AdminGetLoginPolicy")
            .WithSummary("The instance's default login policy (AdminService/GetLoginPolicy)")
            .RequireZitadelPermission(ZitadelRoles.IamPolicyRead)
            .ProducesErrors<ZitadelErrorEnvelope>(401, 403);

        group.MapPost("/login/second_factors/_search", AdminListLoginPolicySecondFactors)
            .WithName("AdminListLoginPolicySecondFactors")
            .WithSummary("List the second factors of the default login policy (AdminService/ListLoginPolicySecondFactors)")
            .RequireZitadelPermission(ZitadelRoles.IamPolicyRead)
            .ProducesErrors<ZitadelErrorEnvelope>(401, 403);

        group.MapPost("/login/second_factors", AdminAddSecondFactorToLoginPolicy)
            .WithName("AdminAddSecondFactorToLoginPolicy")
            .WithSummary("Add a second factor to the default login policy (AdminService/AddSecondFactorToLoginPolicy)")
            .RequireZitadelPermission(ZitadelRoles.IamPolicyWrite)
            .ProducesErrors<ZitadelErrorEnvelope>(400, 401, 403, 409);

        group.MapDelete("/login/second_factors/{type}", AdminRemoveSecondFactorFromLoginPolicy)
            .WithName("AdminRemoveSecondFactorFromLoginPolicy")
            .WithSummary("Remove a second factor from the default login policy (AdminService/RemoveSecondFactorFromLoginPolicy)")
            .RequireZitadelPermission(ZitadelRoles.IamPolicyWrite)
            .ProducesErrors<ZitadelErrorEnvelope>(400, 401, 403, 404);
    }

    public static Results<Ok<DetailsResponse>, ApiError> AddSecondFactorToLoginPolicy(
        [AsParameters] AddSecondFactorRequest request, ZitadelCaller caller, ZitadelStore store)
    {
        var change = store.AddOrgSecondFactor(caller.OrgId, SecondFactorOf(request.Body));
        return change.Outcome switch
        {
            ChangeOutcome.Done => Added(change, caller.OrgId),
            ChangeOutcome.AlreadyExists => ZitadelErrors.OrgFactorAlreadyExists(),
            _ => ZitadelErrors.OrganisationMissing(),
        };
    }

    public static Ok<ListSecondFactorsResponse> ListLoginPolicySecondFactors(ZitadelCaller caller, ZitadelStore store, TimeProvider clock) =>
        TypedResults.Ok(SecondFactorList(store.LoginPolicyOf(caller.OrgId).Policy, clock));

    public static Results<Ok<DetailsResponse>, ApiError> RemoveSecondFactorFromLoginPolicy(
        [AsParameters] RemoveSecondFactorRequest request, ZitadelCaller caller, ZitadelStore store)
    {
        var change = store.RemoveOrgSecondFactor(caller.OrgId, ZitadelEnums.SecondFactorType.ParsePathValue(request.Type) ?? 0);
        return change.Outcome switch
        {
            ChangeOutcome.Done => Changed(change, caller.OrgId),
            ChangeOutcome.NotFound => ZitadelErrors.OrgFactorNotExisting(),
            _ => ZitadelErrors.OrganisationMissing(),
        };
    }

    public static Ok<GetLoginPolicyResponse> GetLoginPolicy(ZitadelCaller caller, ZitadelStore store)
    {
        var found = store.LoginPolicyOf(caller.OrgId);
        return TypedResults.Ok(new GetLoginPolicyResponse(LoginPolicyView.From(found.Policy, found.ResourceOwner, found.IsDefault), found.IsDefault));
    }

    public static Ok<PolicyResponse> GetDefaultLoginPolicy(ZitadelStore store) => TypedResults.Ok(DefaultPolicy(store));

    public static Results<Ok<DetailsResponse>, ApiError> AddCustomLoginPolicy(
        [AsParameters] AddCustomLoginPolicyRequest request, ZitadelCaller caller, ZitadelStore store)
    {
        var requested = (request.Body?.Fields ?? new LoginPolicyInput()).ToSettings();
        var change = store.AddCustomLoginPolicy(caller.OrgId, requested);
        return change.Outcome switch
        {
            ChangeOutcome.Done => Added(change, caller.OrgId),
            ChangeOutcome.AlreadyExists => ZitadelErrors.LoginPolicyAlreadyExists(),
            _ => ZitadelErrors.OrganisationMissing(),
        };
    }

    public static Results<Ok<DetailsResponse>, ApiError> ResetLoginPolicyToDefault(ZitadelCaller caller, ZitadelStore store)
    {
        var change = store.ResetLoginPolicy(caller.OrgId);
        return change.Outcome switch
        {
            ChangeOutcome.Done => Changed(change, caller.OrgId),
            ChangeOutcome.NotFound => ZitadelErrors.LoginPolicyNotFound(),
            _ => ZitadelErrors.OrganisationMissing(),
        };
    }

    public static Ok<PolicyResponse> AdminGetLoginPolicy(ZitadelStore store) => TypedResults.Ok(DefaultPolicy(store));

    public static Ok<ListSecondFactorsResponse> AdminListLoginPolicySecondFactors(ZitadelStore store, TimeProvider clock) =>
        TypedResults.Ok(SecondFactorList(store.DefaultLoginPolicy().Policy, clock));

    /// <summary>The caller only has to hold <c>iam.policy.write</c>; the change is on the instance, whatever org the call names.</summary>
    public static Results<Ok<DetailsResponse>, ApiError> AdminAddSecondFactorToLoginPolicy([AsParameters] AddSecondFactorRequest request, ZitadelStore store)
    {
        var change = store.AddDefaultSecondFactor(SecondFactorOf(request.Body));
        return change.Outcome == ChangeOutcome.Done
            ? Added(change, store.InstanceId)
            : ZitadelErrors.InstanceFactorAlreadyExists();
    }

    public static Results<Ok<DetailsResponse>, ApiError> AdminRemoveSecondFactorFromLoginPolicy([AsParameters] RemoveSecondFactorRequest request, ZitadelStore store)
    {
        var change = store.RemoveDefaultSecondFactor(ZitadelEnums.SecondFactorType.ParsePathValue(request.Type) ?? 0);
        return change.Outcome == ChangeOutcome.Done
            ? Changed(change, store.InstanceId)
            : ZitadelErrors.InstanceFactorNotExisting();
    }

    private static int SecondFactorOf(SecondFactorBody? body) => (body?.Type ?? default).Resolve(ZitadelEnums.SecondFactorType);

    private static Ok<DetailsResponse> Added(StoreChange change, string resourceOwner) =>
        TypedResults.Ok(new DetailsResponse(ObjectDetails.Added(change.Sequence, change.At, resourceOwner)));

    private static Ok<DetailsResponse> Changed(StoreChange change, string resourceOwner) =>
        TypedResults.Ok(new DetailsResponse(ObjectDetails.Changed(change.Sequence, change.At, resourceOwner)));

    private static PolicyResponse DefaultPolicy(ZitadelStore store)
    {
        var found = store.DefaultLoginPolicy();
        return new PolicyResponse(LoginPolicyView.From(found.Policy, found.ResourceOwner, isDefault: true));
    }

    /// <summary>
    /// <c>ToListDetails(count, sequence, timestamp)</c>: the count, and the time the emulator's "projection" was
    /// read (now). processedSequence is projection bookkeeping the emulator does not model, so it is left out.
    /// </summary>
    private static ListSecondFactorsResponse SecondFactorList(LoginPolicySettings policy, TimeProvider clock) =>
        new(new ListDetails(ProtoJson.Counter((ulong)policy.SecondFactors.Count), ProcessedSequence: null, ProtoJson.Timestamp(clock.GetUtcNow())),
            LoginPolicyView.Names(policy.SecondFactors, ZitadelEnums.SecondFactorType));
}
