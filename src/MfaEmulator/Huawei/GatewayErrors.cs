using MfaEmulator.Common.Errors;

namespace MfaEmulator.Huawei;

/// <summary>
/// Huawei Cloud API Gateway's own errors (the API Gateway error-code table, <c>APIG.xxxx</c>): what answers before a
/// request reaches the service behind the gateway, in whichever service envelope the route has.
/// </summary>
internal static class GatewayErrors
{
    private const string Prefix = "APIG.";

    public static bool IsGatewayCode(string? code) => code?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>APIG.0101: the API does not exist or has not been published.</summary>
    public static ApiError ApiNotFound(string method, string path) =>
        new(404, "APIG.0101", $"The API does not exist or has not been published in the environment: {method} {path}");

    /// <summary>APIG.0201: request entity too large.</summary>
    public static ApiError BodyTooLarge(long limit) => new(413, "APIG.0201", $"Request entity too large: the body exceeds {limit} bytes");

    /// <summary>APIG.0301: incorrect IAM authentication information (used where the service itself documents no 401, and for AK/SK failures).</summary>
    public static ApiError Unauthenticated(string reason) => new(401, "APIG.0301", $"Incorrect IAM authentication information: {reason}");

    /// <summary>APIG.0302: the IAM user is not authorized to access the API (here: a project of another account).</summary>
    public static ApiError NotAllowed(string reason) => new(403, "APIG.0302", $"The IAM user is not allowed to access the API: {reason}");

    /// <summary>APIG.0306: access denied.</summary>
    public static ApiError AccessDenied() => new(403, "APIG.0306", "Access denied");

    /// <summary>APIG.0308: the throttling threshold has been reached.</summary>
    public static ApiError Throttled() => new(429, "APIG.0308", "The throttling threshold has been reached");
}
