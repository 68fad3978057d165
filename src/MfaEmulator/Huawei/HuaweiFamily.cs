using MfaEmulator.Common.Auth;
using MfaEmulator.Common.Errors;

namespace MfaEmulator.Huawei;

/// <summary>
/// What every Huawei family shares: the credential check, and the API gateway's own errors (APIG.xxxx with a
/// request_id), which answer before a request reaches the service behind the gateway.
/// </summary>
internal abstract class HuaweiFamily(HuaweiAuthenticator authenticator) : ApiFamily
{
    public override async ValueTask<ApiError?> AuthenticateAsync(HttpContext context)
    {
        var outcome = await authenticator.AuthenticateAsync(context);
        if (outcome.Caller is null)
        {
            return Unauthenticated(outcome.Failure ?? new AuthFailure(AuthFailureKind.Missing, "authentication failed"));
        }
        outcome.Caller.AttachTo(context);
        return null;
    }

    /// <summary>The family's 401 for a missing, unknown, expired or unverifiable credential.</summary>
    public abstract ApiError Unauthenticated(AuthFailure failure);

    /// <summary>The gateway's 401, used where the service itself documents none (HSS) and for AK/SK failures.</summary>
    public static ApiError GatewayUnauthenticated(string reason) => new(401, "APIG.0301", $"Incorrect IAM authentication information: {reason}");

    public override ApiError BodyTooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "APIG.0201", $"Request entity too large: the body exceeds {limit} bytes");

    public override ApiError RouteNotFound(string method, string path) =>
        new(StatusCodes.Status404NotFound, "APIG.0101", $"The API does not exist or has not been published in the environment: {method} {path}");
}
