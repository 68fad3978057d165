using global::Zitadel.Admin.V1;
using Grpc.Core;
using MfaEmulator.Zitadel.Grpc;
using PbGetLoginPolicyResponse = global::Zitadel.Admin.V1.GetLoginPolicyResponse;

namespace MfaEmulator.Zitadel.LoginPolicy.Grpc;


/// <summary>
/// <c>zitadel.admin.v1.AdminService</c>'s default login policy over native gRPC and gRPC-web, on the same
/// <see cref="LoginPolicyCommands"/> as the REST routes. Only <c>iam.policy.*</c> counts; the org a call names
/// does not change which policy it reads or writes.
/// </summary>
internal sealed class AdminLoginPolicyService(LoginPolicyCommands commands, ZitadelGrpcCalls calls) : AdminService.AdminServiceBase
{
    public override Task<HealthzResponse> Healthz(HealthzRequest request, ServerCallContext context) => Task.FromResult(new HealthzResponse());

    [ZitadelPermission(ZitadelRoles.IamPolicyRead)]
    public override Task<PbGetLoginPolicyResponse> GetLoginPolicy(GetLoginPolicyRequest request, ServerCallContext context) =>
        Task.FromResult(new PbGetLoginPolicyResponse { Policy = LoginPolicyProto.Policy(commands.DefaultLoginPolicy()) });

    [ZitadelPermission(ZitadelRoles.IamPolicyWrite)]
    public override Task<UpdateLoginPolicyResponse> UpdateLoginPolicy(UpdateLoginPolicyRequest request, ServerCallContext context)
    {
        var valid = calls.Valid(new UpdateDefaultLoginPolicyRequest { Body = calls.Decode<AddCustomLoginPolicyBody>(request) });
        return Task.FromResult(new UpdateLoginPolicyResponse { Details = LoginPolicyProto.Details(commands.UpdateLoginPolicy(PolicyScope.Default, valid.Body!.Fields.ToSettings())) });
    }

    [ZitadelPermission(ZitadelRoles.IamPolicyRead)]
    public override Task<ListLoginPolicyIDPsResponse> ListLoginPolicyIDPs(ListLoginPolicyIDPsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListLoginPolicyIDPsResponse { Details = LoginPolicyProto.ListDetails(commands.ListIdps(PolicyScope.Default)) });

    [ZitadelPermission(ZitadelRoles.IamPolicyWrite)]
    public override Task<AddIDPToLoginPolicyResponse> AddIDPToLoginPolicy(AddIDPToLoginPolicyRequest request, ServerCallContext context)
    {
        calls.Valid(new AddDefaultIdpRequest { Body = calls.Decode<IdpLinkBody>(request) });
        throw ZitadelGrpcErrors.ToRpcException(commands.AddIdp(PolicyScope.Default));
    }

    [ZitadelPermission(ZitadelRoles.IamPolicyWrite)]
    public override Task<RemoveIDPFromLoginPolicyResponse> RemoveIDPFromLoginPolicy(RemoveIDPFromLoginPolicyRequest request, ServerCallContext context)
    {
        calls.Valid(new RemoveIdpRequest { IdpId = request.IdpId });
        throw ZitadelGrpcErrors.ToRpcException(commands.RemoveIdp(PolicyScope.Default));
    }

    [ZitadelPermission(ZitadelRoles.IamPolicyRead)]
    public override Task<ListLoginPolicySecondFactorsResponse> ListLoginPolicySecondFactors(ListLoginPolicySecondFactorsRequest request, ServerCallContext context)
    {
        var list = commands.ListFactors(PolicyScope.Default, FactorKind.Second);
        return Task.FromResult(new ListLoginPolicySecondFactorsResponse { Details = LoginPolicyProto.ListDetails(list), Result = { LoginPolicyProto.SecondFactors(list) } });
    }

    [ZitadelPermission(ZitadelRoles.IamPolicyWrite)]
    public override Task<AddSecondFactorToLoginPolicyResponse> AddSecondFactorToLoginPolicy(AddSecondFactorToLoginPolicyRequest request, ServerCallContext context)
    {
        var factor = calls.AddedFactor(request, FactorKind.Second);
        return Task.FromResult(new AddSecondFactorToLoginPolicyResponse { Details = LoginPolicyProto.Details(commands.AddFactor(PolicyScope.Default, FactorKind.Second, factor)) });
    }

    [ZitadelPermission(ZitadelRoles.IamPolicyWrite)]
    public override Task<RemoveSecondFactorFromLoginPolicyResponse> RemoveSecondFactorFromLoginPolicy(RemoveSecondFactorFromLoginPolicyRequest request, ServerCallContext context)
    {
        var factor = calls.RemovedFactor((int)request.Type, FactorKind.Second);
        return Task.FromResult(new RemoveSecondFactorFromLoginPolicyResponse { Details = LoginPolicyProto.Details(commands.RemoveFactor(PolicyScope.Default, FactorKind.Second, factor)) });
    }

    [ZitadelPermission(ZitadelRoles.IamPolicyRead)]
    public override Task<ListLoginPolicyMultiFactorsResponse> ListLoginPolicyMultiFactors(ListLoginPolicyMultiFactorsRequest request, ServerCallContext context)
    {
        var list = commands.ListFactors(PolicyScope.Default, FactorKind.Multi);
        return Task.FromResult(new ListLoginPolicyMultiFactorsResponse { Details = LoginPolicyProto.ListDetails(list), Result = { LoginPolicyProto.MultiFactors(list) } });
    }

    [ZitadelPermission(ZitadelRoles.IamPolicyWrite)]
    public override Task<AddMultiFactorToLoginPolicyResponse> AddMultiFactorToLoginPolicy(AddMultiFactorToLoginPolicyRequest request, ServerCallContext context)
    {
        var factor = calls.AddedFactor(request, FactorKind.Multi);
        return Task.FromResult(new AddMultiFactorToLoginPolicyResponse { Details = LoginPolicyProto.Details(commands.AddFactor(PolicyScope.Default, FactorKind.Multi, factor)) });
    }

    [ZitadelPermission(ZitadelRoles.IamPolicyWrite)]
    public override Task<RemoveMultiFactorFromLoginPolicyResponse> RemoveMultiFactorFromLoginPolicy(RemoveMultiFactorFromLoginPolicyRequest request, ServerCallContext context)
    {
        var factor = calls.RemovedFactor((int)request.Type, FactorKind.Multi);
        return Task.FromResult(new RemoveMultiFactorFromLoginPolicyResponse { Details = LoginPolicyProto.Details(commands.RemoveFactor(PolicyScope.Default, FactorKind.Multi, factor)) });
    }
}
