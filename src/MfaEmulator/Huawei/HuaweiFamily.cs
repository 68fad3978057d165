using System.Text.Json.Serialization;
using MfaEmulator.Common.Errors;
using MfaEmulator.Huawei.Auth;

namespace MfaEmulator.Huawei;

/// <summary>
/// What every Huawei family shares: the credential check (<c>X-Auth-Token</c> or an AK/SK signature), and the API
/// gateway's own errors, which answer before a request reaches the service behind the gateway.
/// </summary>
internal abstract class HuaweiFamily(HuaweiAuthenticator authenticator) : ApiFamily
{
    public override string SecurityScheme => HuaweiVendor.TokenScheme;

    public override ValueTask<ApiError?> AuthenticateAsync(HttpContext context)
    {
        var outcome = authenticator.Authenticate(context);
        if (outcome.Caller is null)
        {
            return ValueTask.FromResult<ApiError?>(Unauthenticated(outcome.Failure ?? new AuthFailure(AuthFailureKind.Missing, "authentication failed")));
        }
        outcome.Caller.AttachTo(context);
        return ValueTask.FromResult<ApiError?>(null);
    }

    /// <summary>The 401 for a missing, unknown, expired or unverifiable credential: the gateway's, before the service sees the call.</summary>
    public virtual ApiError Unauthenticated(AuthFailure failure) => GatewayErrors.For(failure);

    public override ApiError BodyTooLarge(long limit) => GatewayErrors.BodyTooLarge(limit);

    public override ApiError RouteNotFound(string method, string path) => GatewayErrors.ApiNotFound(method, path);
}

/// <summary>
/// The envelope HSS (api-hss2.0 ErrorCode) and the IAM v3.0 extension APIs (iam_08_0013 / iam_08_0016 examples)
/// share: <c>{"error_code", "error_msg"}</c>; the gateway's own errors add <c>request_id</c>.
/// </summary>
internal sealed record HuaweiErrorEnvelope(
    [property: JsonPropertyName("error_code")] string ErrorCode,
    [property: JsonPropertyName("error_msg")] string ErrorMsg,
    [property: JsonPropertyName("request_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RequestId = null)
{
    public static HuaweiErrorEnvelope Of(ApiError error, string requestId, string defaultCode) =>
        new(error.Code ?? defaultCode, error.Message, GatewayErrors.IsGatewayCode(error.Code) ? requestId : null);
}
