using MfaEmulator.Common.Auth;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Json;
using MfaEmulator.Common.Store;
using MfaEmulator.Common.Validation;
using MfaEmulator.Emulator;
using MfaEmulator.Zitadel.Grpc;
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

    public static IServiceCollection AddZitadelLoginPolicy(this IServiceCollection services)
    {
        services.AddGrpc()
            .AddServiceOptions<Grpc.ManagementLoginPolicyService>(grpc => grpc.Interceptors.Add<ZitadelGrpcAuthInterceptor>())
            .AddServiceOptions<Grpc.AdminLoginPolicyService>(grpc => grpc.Interceptors.Add<ZitadelGrpcAuthInterceptor>());
        return services.AddJsonContracts(LoginPolicyJsonContext.Default)
            .AddValidators(typeof(AddSecondFactorRequestValidator), typeof(AddMultiFactorRequestValidator), typeof(RemoveSecondFactorRequestValidator), typeof(RemoveMultiFactorRequestValidator), typeof(AddCustomLoginPolicyRequestValidator), typeof(UpdateCustomLoginPolicyRequestValidator), typeof(UpdateDefaultLoginPolicyRequestValidator), typeof(AddIdpRequestValidator), typeof(AddDefaultIdpRequestValidator), typeof(RemoveIdpRequestValidator))
            .AddEmulatorStore<LoginPolicyStore>().AddSingleton<LoginPolicyCommands>();
    }

    public static IEndpointRouteBuilder MapZitadelLoginPolicy(this IEndpointRouteBuilder routes)
    {
        // The same operations over native gRPC and gRPC-web (management.proto, admin.proto).
        routes.MapGrpcService<Grpc.ManagementLoginPolicyService>().RequireCors(GrpcTransport.CorsPolicy);
        routes.MapGrpcService<Grpc.AdminLoginPolicyService>().RequireCors(GrpcTransport.CorsPolicy);
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

        group.MapPut("/login", UpdateCustomLoginPolicy)
            .WithName("UpdateCustomLoginPolicy")
            .WithRequestExample(new { allowUsernamePassword = true, forceMfa = true, passwordCheckLifetime = "864000s" })
            .WithSummary("Replace the settings of the organization's own login policy (factors stay)")
            .WithDescription("Every setting is replaced (unset fields become false, 0 or empty). Changing nothing is FailedPrecondition (400, Org-5M9vdd), as in ZITADEL.")
            .RequireZitadelPermission(ZitadelRoles.PolicyWrite)
            .ProducesErrors<ZitadelErrorEnvelope>(400, 401, 403, 404);

        group.MapPost("/login/multi_factors", AddMultiFactorToLoginPolicy)
            .WithName("AddMultiFactorToLoginPolicy")
            .WithRequestExample(new { type = "MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION" })
            .WithSummary("Add a multi-factor (passwordless) to the organization's login policy")
            .RequireZitadelPermission(ZitadelRoles.PolicyWrite)
            .ProducesErrors<ZitadelErrorEnvelope>(400, 401, 403, 409);

        // The proto maps the org's multi-factor list to auth_factors/_search (add and remove use multi_factors).
        group.MapPost("/login/auth_factors/_search", ListLoginPolicyMultiFactors)
            .WithName("ListLoginPolicyMultiFactors")
            .WithSummary("List the multi-factors of the organization's login policy (or of the default)")
            .RequireZitadelPermission(ZitadelRoles.PolicyRead)
            .ProducesErrors<ZitadelErrorEnvelope>(401, 403);

        group.MapDelete("/login/multi_factors/{type}", RemoveMultiFactorFromLoginPolicy)
            .WithName("RemoveMultiFactorFromLoginPolicy")
            .WithSummary("Remove a multi-factor from the organization's login policy")
            .RequireZitadelPermission(ZitadelRoles.PolicyWrite)
            .ProducesErrors<ZitadelErrorEnvelope>(400, 401, 403, 404);

        group.MapPost("/login/idps/_search", ListLoginPolicyIDPs)
            .WithName("ListLoginPolicyIDPs")
            .WithSummary("List the identity providers of the organization's login policy (the emulator has none)")
            .RequireZitadelPermission(ZitadelRoles.PolicyRead)
            .ProducesErrors<ZitadelErrorEnvelope>(401, 403);

        group.MapPost("/login/idps", AddIDPToLoginPolicy)
            .WithName("AddIDPToLoginPolicy")
            .WithRequestExample(new { idpId = "312909075212468699", ownerType = "IDP_OWNER_TYPE_SYSTEM" })
            .WithSummary("Link an identity provider: the emulator has none, so this is ZITADEL's error for an unknown IdP")
            .RequireZitadelPermission(ZitadelRoles.PolicyWrite)
            .ProducesErrors<ZitadelErrorEnvelope>(400, 401, 403, 404);

        group.MapDelete("/login/idps/{idp_id}", RemoveIDPFromLoginPolicy)
            .WithName("RemoveIDPFromLoginPolicy")
            .WithSummary("Unlink an identity provider (none is ever linked)")
            .RequireZitadelPermission(ZitadelRoles.PolicyWrite)
            .ProducesErrors<ZitadelErrorEnvelope>(400, 401, 403, 404);

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

        group.MapPut("/login", AdminUpdateLoginPolicy)
            .WithName("AdminUpdateLoginPolicy")
            .WithRequestExample(new { allowUsernamePassword = true, allowRegister = true, passwordlessType = "PASSWORDLESS_TYPE_ALLOWED" })
            .WithSummary("Replace the settings of the default login policy (AdminService/UpdateLoginPolicy)")
            .WithDescription("Changing nothing is FailedPrecondition (400, INSTANCE-5M9vdd), which the Terraform provider ignores.")
            .RequireZitadelPermission(ZitadelRoles.IamPolicyWrite)
            .ProducesErrors<ZitadelErrorEnvelope>(400, 401, 403);

        group.MapPost("/login/multi_factors/_search", AdminListLoginPolicyMultiFactors)
            .WithName("AdminListLoginPolicyMultiFactors")
            .WithSummary("List the multi-factors of the default login policy (AdminService/ListLoginPolicyMultiFactors)")
            .RequireZitadelPermission(ZitadelRoles.IamPolicyRead)
            .ProducesErrors<ZitadelErrorEnvelope>(401, 403);

        group.MapPost("/login/multi_factors", AdminAddMultiFactorToLoginPolicy)
            .WithName("AdminAddMultiFactorToLoginPolicy")
            .WithRequestExample(new { type = "MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION" })
            .WithSummary("Add a multi-factor to the default login policy (AdminService/AddMultiFactorToLoginPolicy)")
            .RequireZitadelPermission(ZitadelRoles.IamPolicyWrite)
            .ProducesErrors<ZitadelErrorEnvelope>(400, 401, 403, 409);

        group.MapDelete("/login/multi_factors/{type}", AdminRemoveMultiFactorFromLoginPolicy)
            .WithName("AdminRemoveMultiFactorFromLoginPolicy")
            .WithSummary("Remove a multi-factor from the default login policy (AdminService/RemoveMultiFactorFromLoginPolicy)")
            .RequireZitadelPermission(ZitadelRoles.IamPolicyWrite)
            .ProducesErrors<ZitadelErrorEnvelope>(400, 401, 403, 404);

        group.MapPost("/login/idps/_search", AdminListLoginPolicyIDPs)
            .WithName("AdminListLoginPolicyIDPs")
            .WithSummary("List the identity providers of the default login policy (none)")
            .RequireZitadelPermission(ZitadelRoles.IamPolicyRead)
            .ProducesErrors<ZitadelErrorEnvelope>(401, 403);

        group.MapPost("/login/idps", AdminAddIDPToLoginPolicy)
            .WithName("AdminAddIDPToLoginPolicy")
            .WithRequestExample(new { idpId = "312909075212468699" })
            .WithSummary("Link an identity provider to the default policy: ZITADEL's error for an unknown IdP")
            .RequireZitadelPermission(ZitadelRoles.IamPolicyWrite)
            .ProducesErrors<ZitadelErrorEnvelope>(400, 401, 403);

        group.MapDelete("/login/idps/{idp_id}", AdminRemoveIDPFromLoginPolicy)
            .WithName("AdminRemoveIDPFromLoginPolicy")
            .WithSummary("Unlink an identity provider from the default policy (none is ever linked)")
            .RequireZitadelPermission(ZitadelRoles.IamPolicyWrite)
            .ProducesErrors<ZitadelErrorEnvelope>(400, 401, 403, 404);

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

    public static Results<JsonOk<DetailsResponse>, ApiError> AddSecondFactorToLoginPolicy(
        [AsParameters] AddSecondFactorRequest request, ZitadelCaller caller, LoginPolicyCommands commands) =>
        Answer(commands.AddFactor(PolicyScope.Org(caller.OrgId), FactorKind.Second, FactorOf(request.Body, FactorKind.Second)));

    public static JsonOk<ListFactorsResponse> ListLoginPolicySecondFactors(ZitadelCaller caller, LoginPolicyCommands commands) =>
        ListOf(commands.ListFactors(PolicyScope.Org(caller.OrgId), FactorKind.Second), FactorKind.Second);

    public static Results<JsonOk<DetailsResponse>, ApiError> RemoveSecondFactorFromLoginPolicy(
        [AsParameters] RemoveSecondFactorRequest request, ZitadelCaller caller, LoginPolicyCommands commands) =>
        Answer(commands.RemoveFactor(PolicyScope.Org(caller.OrgId), FactorKind.Second, PathFactor(request.Type, FactorKind.Second)));

    public static Results<JsonOk<DetailsResponse>, ApiError> AddMultiFactorToLoginPolicy(
        [AsParameters] AddMultiFactorRequest request, ZitadelCaller caller, LoginPolicyCommands commands) =>
        Answer(commands.AddFactor(PolicyScope.Org(caller.OrgId), FactorKind.Multi, FactorOf(request.Body, FactorKind.Multi)));

    public static JsonOk<ListFactorsResponse> ListLoginPolicyMultiFactors(ZitadelCaller caller, LoginPolicyCommands commands) =>
        ListOf(commands.ListFactors(PolicyScope.Org(caller.OrgId), FactorKind.Multi), FactorKind.Multi);

    public static Results<JsonOk<DetailsResponse>, ApiError> RemoveMultiFactorFromLoginPolicy(
        [AsParameters] RemoveMultiFactorRequest request, ZitadelCaller caller, LoginPolicyCommands commands) =>
        Answer(commands.RemoveFactor(PolicyScope.Org(caller.OrgId), FactorKind.Multi, PathFactor(request.Type, FactorKind.Multi)));

    public static JsonOk<GetLoginPolicyResponse> GetLoginPolicy(ZitadelCaller caller, LoginPolicyCommands commands)
    {
        var found = commands.LoginPolicyOf(caller.OrgId);
        return JsonResults.Ok(new GetLoginPolicyResponse(LoginPolicyView.From(found.Policy, found.ResourceOwner, found.IsDefault), found.IsDefault));
    }

    public static JsonOk<PolicyResponse> GetDefaultLoginPolicy(LoginPolicyCommands commands) => JsonResults.Ok(DefaultPolicy(commands));

    public static Results<JsonOk<DetailsResponse>, ApiError> AddCustomLoginPolicy(
        [AsParameters] AddCustomLoginPolicyRequest request, ZitadelCaller caller, LoginPolicyCommands commands) =>
        Answer(commands.AddCustomLoginPolicy(caller.OrgId, SettingsOf(request.Body)));

    public static Results<JsonOk<DetailsResponse>, ApiError> UpdateCustomLoginPolicy(
        [AsParameters] UpdateCustomLoginPolicyRequest request, ZitadelCaller caller, LoginPolicyCommands commands) =>
        Answer(commands.UpdateLoginPolicy(PolicyScope.Org(caller.OrgId), SettingsOf(request.Body)));

    public static Results<JsonOk<DetailsResponse>, ApiError> ResetLoginPolicyToDefault(ZitadelCaller caller, LoginPolicyCommands commands) =>
        Answer(commands.ResetLoginPolicyToDefault(caller.OrgId));

    public static JsonOk<ListIdpsResponse> ListLoginPolicyIDPs(ZitadelCaller caller, LoginPolicyCommands commands) =>
        IdpList(commands.ListIdps(PolicyScope.Org(caller.OrgId)));

    public static ApiError AddIDPToLoginPolicy([AsParameters] AddIdpRequest request, ZitadelCaller caller, LoginPolicyCommands commands) =>
        commands.AddIdp(PolicyScope.Org(caller.OrgId));

    public static ApiError RemoveIDPFromLoginPolicy([AsParameters] RemoveIdpRequest request, ZitadelCaller caller, LoginPolicyCommands commands) =>
        commands.RemoveIdp(PolicyScope.Org(caller.OrgId));

    public static JsonOk<PolicyResponse> AdminGetLoginPolicy(LoginPolicyCommands commands) => JsonResults.Ok(DefaultPolicy(commands));

    /// <summary>The admin routes need only <c>iam.policy.*</c>; they change the instance, whatever org the call names.</summary>
    public static Results<JsonOk<DetailsResponse>, ApiError> AdminUpdateLoginPolicy(
        [AsParameters] UpdateDefaultLoginPolicyRequest request, LoginPolicyCommands commands) =>
        Answer(commands.UpdateLoginPolicy(PolicyScope.Default, SettingsOf(request.Body)));

    public static JsonOk<ListFactorsResponse> AdminListLoginPolicySecondFactors(LoginPolicyCommands commands) =>
        ListOf(commands.ListFactors(PolicyScope.Default, FactorKind.Second), FactorKind.Second);

    public static Results<JsonOk<DetailsResponse>, ApiError> AdminAddSecondFactorToLoginPolicy(
        [AsParameters] AddSecondFactorRequest request, LoginPolicyCommands commands) =>
        Answer(commands.AddFactor(PolicyScope.Default, FactorKind.Second, FactorOf(request.Body, FactorKind.Second)));

    public static Results<JsonOk<DetailsResponse>, ApiError> AdminRemoveSecondFactorFromLoginPolicy(
        [AsParameters] RemoveSecondFactorRequest request, LoginPolicyCommands commands) =>
        Answer(commands.RemoveFactor(PolicyScope.Default, FactorKind.Second, PathFactor(request.Type, FactorKind.Second)));

    public static JsonOk<ListFactorsResponse> AdminListLoginPolicyMultiFactors(LoginPolicyCommands commands) =>
        ListOf(commands.ListFactors(PolicyScope.Default, FactorKind.Multi), FactorKind.Multi);

    public static Results<JsonOk<DetailsResponse>, ApiError> AdminAddMultiFactorToLoginPolicy(
        [AsParameters] AddMultiFactorRequest request, LoginPolicyCommands commands) =>
        Answer(commands.AddFactor(PolicyScope.Default, FactorKind.Multi, FactorOf(request.Body, FactorKind.Multi)));

    public static Results<JsonOk<DetailsResponse>, ApiError> AdminRemoveMultiFactorFromLoginPolicy(
        [AsParameters] RemoveMultiFactorRequest request, LoginPolicyCommands commands) =>
        Answer(commands.RemoveFactor(PolicyScope.Default, FactorKind.Multi, PathFactor(request.Type, FactorKind.Multi)));

    public static JsonOk<ListIdpsResponse> AdminListLoginPolicyIDPs(LoginPolicyCommands commands) => IdpList(commands.ListIdps(PolicyScope.Default));

    public static ApiError AdminAddIDPToLoginPolicy([AsParameters] AddDefaultIdpRequest request, LoginPolicyCommands commands) =>
        commands.AddIdp(PolicyScope.Default);

    public static ApiError AdminRemoveIDPFromLoginPolicy([AsParameters] RemoveIdpRequest request, LoginPolicyCommands commands) =>
        commands.RemoveIdp(PolicyScope.Default);

    public static int FactorOf(FactorBody? body, FactorKind kind) => (body?.Type ?? default).Resolve(kind.Enum());

    private static int PathFactor(string value, FactorKind kind) => kind.Enum().ParsePathValue(value) ?? 0;

    private static LoginPolicySettings SettingsOf(AddCustomLoginPolicyBody? body) => (body?.Fields ?? new LoginPolicyInput()).ToSettings();

    private static Results<JsonOk<DetailsResponse>, ApiError> Answer(Outcome<ChangeDetails> outcome) =>
        outcome.Value is { } change ? JsonResults.Ok(new DetailsResponse(ObjectDetails.Of(change))) : outcome.Error!;

    private static PolicyResponse DefaultPolicy(LoginPolicyCommands commands)
    {
        var found = commands.DefaultLoginPolicy();
        return new PolicyResponse(LoginPolicyView.From(found.Policy, found.ResourceOwner, isDefault: true));
    }

    /// <summary>
    /// <c>ToListDetails(count, sequence, timestamp)</c>: the count, the sequence the emulator's "projection" has
    /// processed (the aggregate's own: it is never behind), and the time it was read (now).
    /// </summary>
    private static JsonOk<ListFactorsResponse> ListOf(FactorList list, FactorKind kind) =>
        JsonResults.Ok(new ListFactorsResponse(ListDetailsOf(list), LoginPolicyView.Names(list.Factors, kind.Enum())));

    private static JsonOk<ListIdpsResponse> IdpList(FactorList list) => JsonResults.Ok(new ListIdpsResponse(ListDetailsOf(list)));

    private static ListDetails ListDetailsOf(FactorList list) =>
        new(ProtoJson.Counter((ulong)list.Factors.Count), ProtoJson.Counter(list.ProcessedSequence), ProtoJson.Timestamp(list.ViewedAt));
}
