using MfaEmulator.Common.Errors;
using MfaEmulator.Huawei.Auth;

namespace MfaEmulator.Huawei;

/// <summary>
/// The API gateway's own errors in front of Huawei's cloud services: what answers before a request reaches the
/// service, in whichever service envelope the route has, always with <c>request_id</c>. Cloud-service endpoints
/// (IAM, HSS) answer <c>APIGW.xxxx</c>: the IAM v5 and HSS error-code pages say "if an error code starting with
/// APIGW is returned…", and real 401s read <c>{"error_msg":"Incorrect IAM authentication information: ak … not
/// exist","error_code":"APIGW.0301","request_id":…}</c>. The numbers and statuses follow the APIG error-code table.
/// </summary>
internal static class GatewayErrors
{
    private const string Prefix = "APIGW.";

    public static bool IsGatewayCode(string? code) => code?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>APIGW.0101: the API does not exist or has not been published.</summary>
    public static ApiError ApiNotFound(string method, string path) =>
        new(404, "APIGW.0101", $"The API does not exist or has not been published in the environment: {method} {path}");

    /// <summary>APIGW.0201: request entity too large.</summary>
    public static ApiError BodyTooLarge(long limit) => new(413, "APIGW.0201", $"Request entity too large: the body exceeds {limit} bytes");

    /// <summary>APIGW.0301: incorrect IAM authentication information (no or an unknown token, an unknown AK, a bad signature).</summary>
    public static ApiError Unauthenticated(string reason) => new(401, "APIGW.0301", $"Incorrect IAM authentication information: {reason}");

    /// <summary>APIGW.0302: the IAM user is not authorized to access the API (here: a project of another account).</summary>
    public static ApiError NotAllowed(string reason) => new(403, "APIGW.0302", $"The IAM user is not allowed to access the API: {reason}");

    /// <summary>APIGW.0306: access denied.</summary>
    public static ApiError AccessDenied() => new(403, "APIGW.0306", "Access denied");

    /// <summary>APIGW.0307: the token must be updated (it has expired).</summary>
    public static ApiError TokenExpired(string reason) => new(401, "APIGW.0307", $"The token must be updated: {reason}");

    /// <summary>APIGW.0308: the throttling threshold has been reached.</summary>
    public static ApiError Throttled() => new(429, "APIGW.0308", "The throttling threshold has been reached");

    /// <summary>How the gateway refuses a credential.</summary>
    public static ApiError For(AuthFailure failure) => failure.Kind == AuthFailureKind.ExpiredToken
        ? TokenExpired(failure.Reason)
        : Unauthenticated(failure.Reason);
}
