using Google.Protobuf;
using MfaEmulator.Zitadel.Grpc;

namespace MfaEmulator.Zitadel.LoginPolicy.Grpc;

/// <summary>The factor requests of both services, decoded and validated as the REST routes validate them.</summary>
internal static class LoginPolicyGrpcRequests
{
    /// <summary>Add{Second,Multi}Factor…Request: <c>{type}</c>, by the add request's validator.</summary>
    public static int AddedFactor(this ZitadelGrpcCalls calls, IMessage request, FactorKind kind)
    {
        var body = calls.Decode<FactorBody>(request);
        var valid = kind == FactorKind.Second
            ? calls.Valid(new AddSecondFactorRequest { Body = body }).Body
            : calls.Valid(new AddMultiFactorRequest { Body = body }).Body;
        return LoginPolicyEndpoints.FactorOf(valid, kind);
    }

    /// <summary>
    /// Remove{Second,Multi}Factor…Request: over gRPC the type is a number, never a path string, so an undefined
    /// one is protoc-gen-validate's <c>defined_only</c> failure; the rest is the REST route's validator.
    /// </summary>
    public static int RemovedFactor(this ZitadelGrpcCalls calls, int type, FactorKind kind)
    {
        var message = kind == FactorKind.Second ? RemoveSecondFactorRequestValidator.Message : RemoveMultiFactorRequestValidator.Message;
        if (!kind.Enum().IsDefined(type))
        {
            throw ZitadelGrpcErrors.ToRpcException(ZitadelErrors.InvalidArgument(ZitadelErrors.NotDefined(message, "Type")));
        }
        var path = type.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (kind == FactorKind.Second)
        {
            calls.Valid(new RemoveSecondFactorRequest { Type = path });
        }
        else
        {
            calls.Valid(new RemoveMultiFactorRequest { Type = path });
        }
        return type;
    }
}
