using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MfaEmulator.Common.Errors;
using ErrorDetail = global::Zitadel.V1.ErrorDetail;
using RpcStatus = global::Google.Rpc.Status;

namespace MfaEmulator.Zitadel.Grpc;

/// <summary>
/// ZITADEL's errors over native gRPC and gRPC-web: the code, <c>grpc-message</c> "text (id)", and for ZITADEL's own
/// errors exactly one <c>zitadel.v1.ErrorDetail</c> in <c>grpc-status-details-bin</c>
/// (internal/api/grpc/gerrors/zitadel_errors.go). Plain statuses (validation, a missing auth header) carry no
/// details, as grpc-go sends none for them. grpc-dotnet percent-encodes the message and writes the trailers.
/// </summary>
internal static class ZitadelGrpcErrors
{
    public static RpcException ToRpcException(ApiError error)
    {
        var code = error.GrpcCode != 0 ? error.GrpcCode : GrpcCodes.ForHttpStatus(error.Status);
        var message = ZitadelErrors.StatusMessage(error);
        if (error.Code is null)
        {
            return new RpcException(new Status((StatusCode)code, message));
        }
        var status = new RpcStatus { Code = code, Message = message };
        status.Details.Add(Any.Pack(new ErrorDetail { Id = error.Code, Message = error.Message }));
        return status.ToRpcException();
    }
}
