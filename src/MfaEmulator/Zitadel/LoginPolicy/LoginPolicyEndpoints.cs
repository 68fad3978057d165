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
internal static class LoginPolicyEndpoints
{
    public const string ManagementTag = "ZITADEL Management v1: login policy";
    public const string AdminTag = "ZITADEL Admin v1: default login policy";

    public static IServiceCollection AddZitadelLoginPolicy(this IServiceCollection services) =>
        services.AddEmulatorStore<LoginPolicyStore>();

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
            .AsDocumentedOperation()
            .WithRequestExample(new { type = "SECOND_FACTOR_TYPE_OTP" })
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
            .WithRequestExample(new { allowUsernamePassword = true, forceMfa = true, secondFactors = new List<string> { "SECOND_FACTOR_TYPE_OTP" } })
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
            .WithRequestExample(new { type = "SECOND_FACTOR_TYPE_OTP_EMAIL" })
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
        [AsParameters] AddSecondFactorRequest request, ZitadelCaller caller, LoginPolicyStore store)
    {
        var change = store.AddSecondFactor(PolicyScope.Org(caller.OrgId), SecondFactorOf(request.Body));
        return change.Outcome switch
        {
            ChangeOutcome.Done => Added(change, caller.OrgId),
            ChangeOutcome.AlreadyExists => LoginPolicyErrors.OrgFactorAlreadyExists(),
            _ => ZitadelErrors.OrganisationMissing(),
        };
    }

    public static Ok<ListSecondFactorsResponse> ListLoginPolicySecondFactors(ZitadelCaller caller, LoginPolicyStore store, TimeProvider clock) =>
        TypedResults.Ok(SecondFactorList(store.LoginPolicyOf(caller.OrgId).Policy, clock));

    public static Results<Ok<DetailsResponse>, ApiError> RemoveSecondFactorFromLoginPolicy(
        [AsParameters] RemoveSecondFactorRequest request, ZitadelCaller caller, LoginPolicyStore store)
    {
        var change = store.RemoveSecondFactor(PolicyScope.Org(caller.OrgId), LoginPolicyEnums.SecondFactorType.ParsePathValue(request.Type) ?? 0);
        return change.Outcome switch
        {
            ChangeOutcome.Done => Changed(change, caller.OrgId),
            ChangeOutcome.NotFound => LoginPolicyErrors.OrgFactorNotExisting(),
            _ => ZitadelErrors.OrganisationMissing(),
        };
    }

    public static Ok<GetLoginPolicyResponse> GetLoginPolicy(ZitadelCaller caller, LoginPolicyStore store)
    {
        var found = store.LoginPolicyOf(caller.OrgId);
        return TypedResults.Ok(new GetLoginPolicyResponse(LoginPolicyView.From(found.Policy, found.ResourceOwner, found.IsDefault), found.IsDefault));
    }

    public static Ok<PolicyResponse> GetDefaultLoginPolicy(LoginPolicyStore store) => TypedResults.Ok(DefaultPolicy(store));

    public static Results<Ok<DetailsResponse>, ApiError> AddCustomLoginPolicy(
        [AsParameters] AddCustomLoginPolicyRequest request, ZitadelCaller caller, LoginPolicyStore store)
    {
        var requested = (request.Body?.Fields ?? new LoginPolicyInput()).ToSettings();
        var change = store.AddCustomLoginPolicy(caller.OrgId, requested);
        return change.Outcome switch
        {
            ChangeOutcome.Done => Added(change, caller.OrgId),
            ChangeOutcome.AlreadyExists => LoginPolicyErrors.LoginPolicyAlreadyExists(),
            _ => ZitadelErrors.OrganisationMissing(),
        };
    }

    public static Results<Ok<DetailsResponse>, ApiError> ResetLoginPolicyToDefault(ZitadelCaller caller, LoginPolicyStore store)
    {
        var change = store.ResetLoginPolicy(caller.OrgId);
        return change.Outcome switch
        {
            ChangeOutcome.Done => Changed(change, caller.OrgId),
            ChangeOutcome.NotFound => LoginPolicyErrors.LoginPolicyNotFound(),
            _ => ZitadelErrors.OrganisationMissing(),
        };
    }

    public static Ok<PolicyResponse> AdminGetLoginPolicy(LoginPolicyStore store) => TypedResults.Ok(DefaultPolicy(store));

    public static Ok<ListSecondFactorsResponse> AdminListLoginPolicySecondFactors(LoginPolicyStore store, TimeProvider clock) =>
        TypedResults.Ok(SecondFactorList(store.DefaultLoginPolicy().Policy, clock));

    /// <summary>The caller only has to hold <c>iam.policy.write</c>; the change is on the instance, whatever org the call names.</summary>
    public static Results<Ok<DetailsResponse>, ApiError> AdminAddSecondFactorToLoginPolicy(
        [AsParameters] AddSecondFactorRequest request, LoginPolicyStore store, ZitadelOrgs orgs)
    {
        var change = store.AddSecondFactor(PolicyScope.Default, SecondFactorOf(request.Body));
        return change.Outcome == ChangeOutcome.Done
            ? Added(change, orgs.InstanceId)
            : LoginPolicyErrors.InstanceFactorAlreadyExists();
    }

    public static Results<Ok<DetailsResponse>, ApiError> AdminRemoveSecondFactorFromLoginPolicy(
        [AsParameters] RemoveSecondFactorRequest request, LoginPolicyStore store, ZitadelOrgs orgs)
    {
        var change = store.RemoveSecondFactor(PolicyScope.Default, LoginPolicyEnums.SecondFactorType.ParsePathValue(request.Type) ?? 0);
        return change.Outcome == ChangeOutcome.Done
            ? Changed(change, orgs.InstanceId)
            : LoginPolicyErrors.InstanceFactorNotExisting();
    }

    private static int SecondFactorOf(SecondFactorBody? body) => (body?.Type ?? default).Resolve(LoginPolicyEnums.SecondFactorType);

    private static Ok<DetailsResponse> Added(StoreChange change, string resourceOwner) =>
        TypedResults.Ok(new DetailsResponse(ObjectDetails.Added(change.Sequence, change.At, resourceOwner)));

    private static Ok<DetailsResponse> Changed(StoreChange change, string resourceOwner) =>
        TypedResults.Ok(new DetailsResponse(ObjectDetails.Changed(change.Sequence, change.At, resourceOwner)));

    private static PolicyResponse DefaultPolicy(LoginPolicyStore store)
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
            LoginPolicyView.Names(policy.SecondFactors, LoginPolicyEnums.SecondFactorType));
}
