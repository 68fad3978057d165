using MfaEmulator.Common.Errors;
using MfaEmulator.Huawei.Auth;

namespace MfaEmulator.Huawei.Hss;

/// <summary>HSS error codes (api-hss2.0 ErrorCode: every documented HSS code is HTTP 400).</summary>
internal static class HssErrors
{
    public const string InvalidParameter = "HSS.0001";
    public const string ParseFailure = "HSS.0002";
    public const string ResourceNotFound = "HSS.0011";

    public static ApiError Invalid(string message) => new(400, InvalidParameter, $"Invalid parameter: {message}");

    public static ApiError HostNotInEnterpriseProject(string hostId, string enterpriseProjectId) =>
        new(400, ResourceNotFound, $"Resource not found: host {hostId} is not in enterprise project {enterpriseProjectId}");

    /// <summary>HSS.1001 (api-hss2.0 ErrorCode): a host id HSS knows no agent for (strict mode; lenient mode registers it).</summary>
    public static ApiError HostWithoutAgent(string hostId) =>
        new(400, "HSS.1001", $"The selected server is not associated with any agent: {hostId}");

    public static ApiError MalformedBody(string? field, string detail) =>
        field is null ? new(400, ParseFailure, $"Request parse failure: {detail}") : Invalid(detail);

    /// <summary>HSS's own table lists no 5xx code; HSS.1000 stands for a system error (see openapi/DEVIATIONS.md).</summary>
    public static ApiError SystemError(int status) => new(status, "HSS.1000", $"System error: {HttpReasons.For(status)}");

    /// <summary>What an injected fault of a bare status answers: HSS's codes where it has them, the gateway's otherwise.</summary>
    public static ApiError ForStatus(int status) => status switch
    {
        400 => Invalid("rejected by an injected fault"),
        401 => GatewayErrors.Unauthenticated("rejected by an injected fault"),
        403 => GatewayErrors.AccessDenied(),
        404 => new(404, ResourceNotFound, "Resource not found"),
        429 => GatewayErrors.Throttled(),
        _ => SystemError(status),
    };
}

/// <summary>Routes under <c>/v5/{project_id}/…</c>: every <c>/v5/</c> path the IAM v5 family does not claim (it has longer prefixes).</summary>
internal sealed class HssFamily(HuaweiAuthenticator authenticator) : HuaweiFamily(authenticator)
{
    public override string Name => "Huawei HSS v5";

    public override IReadOnlyList<PathString> Prefixes { get; } = ["/v5"];

    public override object Envelope(ApiError error, string requestId) => HuaweiErrorEnvelope.Of(error, requestId, HssErrors.InvalidParameter);

    public override ApiError MalformedBody(string? field, string detail) => HssErrors.MalformedBody(field, detail);

    public override ApiError ForStatus(int status) => HssErrors.ForStatus(status);
}
