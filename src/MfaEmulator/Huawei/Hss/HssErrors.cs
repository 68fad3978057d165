using System.Text.Json.Serialization;
using MfaEmulator.Common.Auth;
using MfaEmulator.Common.Errors;

namespace MfaEmulator.Huawei.Hss;

/// <summary>HSS's envelope (api-hss2.0 ErrorCode); gateway errors (APIG.xxxx) add the request id.</summary>
internal sealed record HssErrorEnvelope(
    [property: JsonPropertyName("error_code")] string ErrorCode,
    [property: JsonPropertyName("error_msg")] string ErrorMsg,
    [property: JsonPropertyName("request_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RequestId = null);

/// <summary>HSS error codes (api-hss2.0 ErrorCode: every documented HSS code is HTTP 400).</summary>
internal static class HssErrors
{
    public const string InvalidParameter = "HSS.0001";
    public const string ParseFailure = "HSS.0002";
    public const string ResourceNotFound = "HSS.0011";

    public static ApiError Invalid(string message) => new(400, InvalidParameter, $"Invalid parameter: {message}");

    public static ApiError HostNotInEnterpriseProject(string hostId, string enterpriseProjectId) =>
        new(400, ResourceNotFound, $"Resource not found: host {hostId} is not in enterprise project {enterpriseProjectId}");
}

/// <summary>Routes under <c>/v5/{project_id}/…</c>: every <c>/v5/</c> path the IAM v5 family does not claim.</summary>
internal sealed class HssFamily(HuaweiAuthenticator authenticator) : HuaweiFamily(authenticator)
{
    public override string Name => "Huawei HSS v5";

    public override bool Owns(PathString path) => path.StartsWithSegments("/v5");

    public override object Envelope(ApiError error, string requestId) =>
        new HssErrorEnvelope(error.Code ?? HssErrors.InvalidParameter, error.Message, error.Code?.StartsWith("APIG.", StringComparison.Ordinal) == true ? requestId : null);

    public override ApiError ValidationFailed(FluentValidation.Results.ValidationFailure failure) => HssErrors.Invalid(failure.ErrorMessage);

    public override ApiError Unauthenticated(AuthFailure failure) => GatewayUnauthenticated(failure.Reason);

    public override ApiError MalformedBody(string? field, string detail) => field is null
        ? new(400, HssErrors.ParseFailure, $"Request parse failure: {detail}")
        : HssErrors.Invalid(detail);

    public override ApiError ForStatus(int status) => status switch
    {
        400 => HssErrors.Invalid("rejected by an injected fault"),
        401 => GatewayUnauthenticated("rejected by an injected fault"),
        403 => new(403, "APIG.0306", "Access denied"),
        404 => new(404, HssErrors.ResourceNotFound, "Resource not found"),
        429 => new(429, "APIG.0308", "The throttling threshold has been reached"),
        _ => new(status, "HSS.1000", $"System error: {HttpReasons.For(status)}"),
    };
}
