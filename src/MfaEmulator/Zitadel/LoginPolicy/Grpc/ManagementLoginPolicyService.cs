using global::Zitadel.Management.V1;
using Grpc.Core;
using MfaEmulator.Zitadel.Grpc;
using PbAddCustomLoginPolicyRequest = global::Zitadel.Management.V1.AddCustomLoginPolicyRequest;
using PbGetLoginPolicyResponse = global::Zitadel.Management.V1.GetLoginPolicyResponse;
using PbUpdateCustomLoginPolicyRequest = global::Zitadel.Management.V1.UpdateCustomLoginPolicyRequest;

namespace MfaEmulator.Zitadel.LoginPolicy.Grpc;


/// <summary>
/// <c>zitadel.management.v1.ManagementService</c>'s login policy over native gRPC and gRPC-web: each method decodes
/// and validates as the REST route does and calls the same <see cref="LoginPolicyCommands"/>. Permissions are the
/// <c>auth_option</c>s of management.proto; the org is the caller's (token owner's or <c>x-zitadel-orgid</c>).
/// </summary>
internal sealed class ManagementLoginPolicyService(LoginPolicyCommands commands, ZitadelGrpcCalls calls) : ManagementService.ManagementServiceBase
{
    public override Task<HealthzResponse> Healthz(HealthzRequest request, ServerCallContext context) => Task.FromResult(new HealthzResponse());

    [ZitadelPermission(ZitadelRoles.PolicyRead)]
    public override Task<PbGetLoginPolicyResponse> GetLoginPolicy(GetLoginPolicyRequest request, ServerCallContext context)
    {
        var found = commands.LoginPolicyOf(OrgOf(context));
        return Task.FromResult(new PbGetLoginPolicyResponse { Policy = LoginPolicyProto.Policy(found), IsDefault = found.IsDefault });
    }

    [ZitadelPermission(ZitadelRoles.PolicyRead)]
    public override Task<GetDefaultLoginPolicyResponse> GetDefaultLoginPolicy(GetDefaultLoginPolicyRequest request, ServerCallContext context) =>
        Task.FromResult(new GetDefaultLoginPolicyResponse { Policy = LoginPolicyProto.Policy(commands.DefaultLoginPolicy()) });

    [ZitadelPermission(ZitadelRoles.PolicyWrite)]
    public override Task<AddCustomLoginPolicyResponse> AddCustomLoginPolicy(PbAddCustomLoginPolicyRequest request, ServerCallContext context)
    {
        var valid = calls.Valid(new AddCustomLoginPolicyRequest { Body = calls.Decode<AddCustomLoginPolicyBody>(request) });
        return Task.FromResult(new AddCustomLoginPolicyResponse { Details = LoginPolicyProto.Details(commands.AddCustomLoginPolicy(OrgOf(context), valid.Body!.Fields.ToSettings())) });
    }

    [ZitadelPermission(ZitadelRoles.PolicyWrite)]
    public override Task<UpdateCustomLoginPolicyResponse> UpdateCustomLoginPolicy(PbUpdateCustomLoginPolicyRequest request, ServerCallContext context)
    {
        var valid = calls.Valid(new UpdateCustomLoginPolicyRequest { Body = calls.Decode<AddCustomLoginPolicyBody>(request) });
        return Task.FromResult(new UpdateCustomLoginPolicyResponse { Details = LoginPolicyProto.Details(commands.UpdateLoginPolicy(Scope(context), valid.Body!.Fields.ToSettings())) });
    }

    [ZitadelPermission(ZitadelRoles.PolicyDelete)]
    public override Task<ResetLoginPolicyToDefaultResponse> ResetLoginPolicyToDefault(ResetLoginPolicyToDefaultRequest request, ServerCallContext context) =>
        Task.FromResult(new ResetLoginPolicyToDefaultResponse { Details = LoginPolicyProto.Details(commands.ResetLoginPolicyToDefault(OrgOf(context))) });

    [ZitadelPermission(ZitadelRoles.PolicyRead)]
    public override Task<ListLoginPolicyIDPsResponse> ListLoginPolicyIDPs(ListLoginPolicyIDPsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListLoginPolicyIDPsResponse { Details = LoginPolicyProto.ListDetails(commands.ListIdps(Scope(context))) });

    [ZitadelPermission(ZitadelRoles.PolicyWrite)]
    public override Task<AddIDPToLoginPolicyResponse> AddIDPToLoginPolicy(AddIDPToLoginPolicyRequest request, ServerCallContext context)
    {
        calls.Valid(new AddIdpRequest { Body = calls.Decode<IdpLinkBody>(request) });
        throw ZitadelGrpcErrors.ToRpcException(commands.AddIdp(Scope(context)));
    }

    [ZitadelPermission(ZitadelRoles.PolicyWrite)]
    public override Task<RemoveIDPFromLoginPolicyResponse> RemoveIDPFromLoginPolicy(RemoveIDPFromLoginPolicyRequest request, ServerCallContext context)
    {
        calls.Valid(new RemoveIdpRequest { IdpId = request.IdpId });
        throw ZitadelGrpcErrors.ToRpcException(commands.RemoveIdp(Scope(context)));
    }

    [ZitadelPermission(ZitadelRoles.PolicyRead)]
    public override Task<ListLoginPolicySecondFactorsResponse> ListLoginPolicySecondFactors(ListLoginPolicySecondFactorsRequest request, ServerCallContext context)
    {
        var list = commands.ListFactors(Scope(context), FactorKind.Second);
        return Task.FromResult(new ListLoginPolicySecondFactorsResponse { Details = LoginPolicyProto.ListDetails(list), Result = { LoginPolicyProto.SecondFactors(list) } });
    }

    [ZitadelPermission(ZitadelRoles.PolicyWrite)]
    public override Task<AddSecondFactorToLoginPolicyResponse> AddSecondFactorToLoginPolicy(AddSecondFactorToLoginPolicyRequest request, ServerCallContext context)
    {
        var factor = calls.AddedFactor(request, FactorKind.Second);
        return Task.FromResult(new AddSecondFactorToLoginPolicyResponse { Details = LoginPolicyProto.Details(commands.AddFactor(Scope(context), FactorKind.Second, factor)) });
    }

    [ZitadelPermission(ZitadelRoles.PolicyWrite)]
    public override Task<RemoveSecondFactorFromLoginPolicyResponse> RemoveSecondFactorFromLoginPolicy(RemoveSecondFactorFromLoginPolicyRequest request, ServerCallContext context)
    {
        var factor = calls.RemovedFactor((int)request.Type, FactorKind.Second);
        return Task.FromResult(new RemoveSecondFactorFromLoginPolicyResponse { Details = LoginPolicyProto.Details(commands.RemoveFactor(Scope(context), FactorKind.Second, factor)) });
    }

    [ZitadelPermission(ZitadelRoles.PolicyRead)]
    public override Task<ListLoginPolicyMultiFactorsResponse> ListLoginPolicyMultiFactors(ListLoginPolicyMultiFactorsRequest request, ServerCallContext context)
    {
        var list = commands.ListFactors(Scope(context), FactorKind.Multi);
        return Task.FromResult(new ListLoginPolicyMultiFactorsResponse { Details = LoginPolicyProto.ListDetails(list), Result = { LoginPolicyProto.MultiFactors(list) } });
    }

    [ZitadelPermission(ZitadelRoles.PolicyWrite)]
    public override Task<AddMultiFactorToLoginPolicyResponse> AddMultiFactorToLoginPolicy(AddMultiFactorToLoginPolicyRequest request, ServerCallContext context)
    {
        var factor = calls.AddedFactor(request, FactorKind.Multi);
        return Task.FromResult(new AddMultiFactorToLoginPolicyResponse { Details = LoginPolicyProto.Details(commands.AddFactor(Scope(context), FactorKind.Multi, factor)) });
    }

    [ZitadelPermission(ZitadelRoles.PolicyWrite)]
    public override Task<RemoveMultiFactorFromLoginPolicyResponse> RemoveMultiFactorFromLoginPolicy(RemoveMultiFactorFromLoginPolicyRequest request, ServerCallContext context)
    {
        var factor = calls.RemovedFactor((int)request.Type, FactorKind.Multi);
        return Task.FromResult(new RemoveMultiFactorFromLoginPolicyResponse { Details = LoginPolicyProto.Details(commands.RemoveFactor(Scope(context), FactorKind.Multi, factor)) });
    }

    private static string OrgOf(ServerCallContext context) => ZitadelGrpcCalls.CallerOf(context).OrgId;

    private static PolicyScope Scope(ServerCallContext context) => PolicyScope.Org(OrgOf(context));
}
