using System.Text.Json.Serialization;
using MfaEmulator.Common.Errors;

namespace MfaEmulator.Zitadel;

/// <summary>
/// The REST gateway's error body: a <c>google.rpc.Status</c> in protojson (grpc-gateway <c>DefaultHTTPErrorHandler</c>).
/// ZITADEL's own errors carry one <c>zitadel.v1.ErrorDetail</c>; plain gRPC statuses (validation, a missing auth
/// header, gateway parse errors) have no <c>details</c> at all.
/// </summary>
internal sealed record ZitadelErrorEnvelope(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("details"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ZitadelErrorDetail>? Details);

internal sealed record ZitadelErrorDetail(
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("message")] string Message);

/// <summary>gRPC status codes and the HTTP statuses the gateway maps them to (grpc-gateway runtime/errors.go <c>HTTPStatusFromCode</c>).</summary>
internal static class GrpcCodes
{
    public const int InvalidArgument = 3;
    public const int DeadlineExceeded = 4;
    public const int NotFound = 5;
    public const int AlreadyExists = 6;
    public const int PermissionDenied = 7;
    public const int ResourceExhausted = 8;
    public const int FailedPrecondition = 9;
    public const int Unimplemented = 12;
    public const int Internal = 13;
    public const int Unavailable = 14;
    public const int Unauthenticated = 16;

    /// <summary>The gRPC code behind an HTTP status, for errors the emulator raises by status (injected faults).</summary>
    public static int ForHttpStatus(int status) => status switch
    {
        400 => InvalidArgument,
        401 => Unauthenticated,
        403 => PermissionDenied,
        404 => NotFound,
        409 => AlreadyExists,
        429 => ResourceExhausted,
        501 => Unimplemented,
        503 => Unavailable,
        504 => DeadlineExceeded,
        _ => Internal,
    };
}

/// <summary>
/// ZITADEL's errors that any API answers (authentication, organisation, permission, the gateway's decoding), one
/// method per vendor error id; each API adds its own (e.g. <c>LoginPolicyErrors</c>). <see cref="ApiError.Code"/> is the ErrorDetail id (null for
/// plain gRPC statuses), <see cref="ApiError.Message"/> the English text (internal/static/i18n/en.yaml),
/// <see cref="ApiError.GrpcCode"/> the gRPC code the body carries.
/// </summary>
internal static class ZitadelErrors
{
    public const string ErrorDetailType = "type.googleapis.com/zitadel.v1.ErrorDetail";

    public const string InvalidAuthHeaderId = "AUTH-7fs1e";
    public const string InvalidTokenId = "AUTH-7fs1e";
    public const string OrganisationMissingId = "AUTH-Bs7Ds";
    public const string NoPermissionId = "AUTH-5mWD2";

    /// <summary>No Authorization header: a plain Unauthenticated status (internal/api/grpc/server/middleware/auth_interceptor.go).</summary>
    public static ApiError AuthHeaderMissing() => new(401, null, "auth header missing", GrpcCodes.Unauthenticated);

    /// <summary>An Authorization header that is not <c>Bearer &lt;token&gt;</c> (internal/api/authz).</summary>
    public static ApiError InvalidAuthHeader() => new(401, InvalidAuthHeaderId, "invalid auth header", GrpcCodes.Unauthenticated);

    /// <summary>
    /// Strict mode: a bearer token the emulator did not issue. Current servers answer <c>Errors.Token.Invalid</c>
    /// under the header check's id once token verification fails (internal/api/authz/context.go).
    /// </summary>
    public static ApiError InvalidToken() => new(401, InvalidTokenId, "Token is invalid", GrpcCodes.Unauthenticated);

    public static ApiError OrganisationMissing() => new(403, OrganisationMissingId, "Organisation doesn't exist", GrpcCodes.PermissionDenied);

    public static ApiError NoMatchingPermissions() => new(403, NoPermissionId, "No matching permissions found", GrpcCodes.PermissionDenied);

    /// <summary>A plain InvalidArgument status: protoc-gen-validate failures and the gateway's parse errors.</summary>
    public static ApiError InvalidArgument(string message) => new(400, null, message, GrpcCodes.InvalidArgument);

    /// <summary>protoc-gen-validate's <c>not_in: [0]</c> message (templates/goshared/msg.go: "invalid &lt;Message&gt;.&lt;Field&gt;: &lt;reason&gt;").</summary>
    public static string NotInListZero(string message, string field) => $"invalid {message}.{field}: value must not be in list [0]";

    /// <summary>protoc-gen-validate's <c>defined_only</c> message.</summary>
    public static string NotDefined(string message, string field) => $"invalid {message}.{field}: value must be one of the defined enum values";

    /// <summary>grpc-gateway's message for a path parameter its <c>runtime.Enum</c> cannot read.</summary>
    public static string PathTypeMismatch(string parameter, string value) => $"type mismatch, parameter: {parameter}, error: {value} is not valid";

    /// <summary>The text the gateway puts in <c>message</c> (and in <c>WWW-Authenticate</c>): the text, then the id in parentheses.</summary>
    public static string StatusMessage(ApiError error) => error.Code is null ? error.Message : $"{error.Message} ({error.Code})";

    /// <summary>The gateway's protojson decode errors are plain InvalidArgument statuses prefixed <c>proto:</c>.</summary>
    public static ApiError MalformedBody(string? field, string detail) => field is null
        ? InvalidArgument($"proto: syntax error: {detail}")
        : InvalidArgument($"proto: invalid value for field {field}");

    public static ApiError BodyTooLarge(long limit) =>
        new(413, null, $"grpc: received message larger than max ({limit} bytes)", GrpcCodes.ResourceExhausted);

    /// <summary>The gateway's own 404 for an unknown path (no details).</summary>
    public static ApiError RouteNotFound() => new(404, null, "Not Found", GrpcCodes.NotFound);

    /// <summary>ZITADEL rewrites the gateway's 405 to code 12 and keeps HTTP 405.</summary>
    public static ApiError MethodNotAllowed() => new(405, null, "Method Not Allowed", GrpcCodes.Unimplemented);

    public static ApiError ForStatus(int status) => new(status, null, HttpReasons.For(status), GrpcCodes.ForHttpStatus(status));
}

