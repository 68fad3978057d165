using Grpc.Core;
using Grpc.Core.Interceptors;

namespace MfaEmulator.Emulator;

/// <summary>
/// Remembers each gRPC call's status code for the journal: a gRPC (or gRPC-web) call answers HTTP 200 whatever its
/// outcome, and its status travels in trailers (or, for gRPC-web, in the body), where the journal cannot see it.
/// </summary>
internal sealed class GrpcStatusRecorder : Interceptor
{
    private static readonly object Key = new();

    public static int? Of(HttpContext context) => context.Items[Key] as int?;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var http = context.GetHttpContext();
        try
        {
            var response = await continuation(request, context);
            http.Items[Key] = (int)StatusCode.OK;
            return response;
        }
        catch (RpcException e)
        {
            http.Items[Key] = (int)e.StatusCode;
            throw;
        }
        catch (Exception)
        {
            // grpc-dotnet answers any other exception with Unknown.
            http.Items[Key] = (int)StatusCode.Unknown;
            throw;
        }
    }
}
