using Grpc.Core;
using Grpc.Core.Interceptors;

namespace MfaEmulator.Emulator;

/// <summary>
/// Remembers each gRPC call's status code for the journal: a gRPC (or gRPC-web) call answers HTTP 200 whatever its
/// outcome, and its status travels in trailers (or, for gRPC-web, in the body), where the journal cannot see it.
/// </summary>
internal sealed class GrpcStatusRecorder : Interceptor
{
    public static int? Of(HttpContext context) => context.Features.Get<RecordedStatus>()?.Code;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var http = context.GetHttpContext();
        try
        {
            var response = await continuation(request, context);
            Record(http, StatusCode.OK);
            return response;
        }
        catch (RpcException e)
        {
            Record(http, e.StatusCode);
            throw;
        }
        catch (Exception)
        {
            // grpc-dotnet answers any other exception with Unknown.
            Record(http, StatusCode.Unknown);
            throw;
        }
    }

    private static void Record(HttpContext context, StatusCode code) => context.Features.Set(new RecordedStatus((int)code));

    /// <summary>A request feature, like the request id and the callers (see <see cref="Common.Errors.RequestIds"/>).</summary>
    private sealed record RecordedStatus(int Code);
}
