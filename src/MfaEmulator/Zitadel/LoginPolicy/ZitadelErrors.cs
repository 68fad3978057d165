using System.Text.Json.Serialization;
using FluentValidation.Results;
using MfaEmulator.Common.Errors;
using MfaEmulator.Emulator;

namespace MfaEmulator.Zitadel.LoginPolicy;

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

/// <summary>Marks a validation failure that ZITADEL raises as its own error (with an id), not as a plain validation status.</summary>
internal sealed record ZitadelErrorId(string Id);

/// <summary>gRPC status codes and the HTTP statuses the gateway maps them to (grpc-gateway runtime/errors.go <c>HTTPStatusFromCode</c>).</summary>
internal static class GrpcCodes
{
    public const int InvalidArgument = 3;
    public const int DeadlineExceeded = 4;
    public const int NotFound = 5;
    public const int AlreadyExists = 6;
    public const int PermissionDenied = 7;
    public const int ResourceExhausted = 8;
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
/// ZITADEL's errors, one method per vendor error id. <see cref="ApiError.Code"/> is the ErrorDetail id (null for
/// plain gRPC statuses), <see cref="ApiError.Message"/> the English text (internal/static/i18n/en.yaml),
/// <see cref="ApiError.GrpcCode"/> the gRPC code the body carries.
/// </summary>
internal static class ZitadelErrors
{
    public const string ErrorDetailType = "type.googleapis.com/zitadel.v1.ErrorDetail";

    public const string InvalidAuthHeaderId = "AUTH-7fs1e";
    public const string InvalidTokenId = "APP-Reb32";
    public const string OrganisationMissingId = "AUTH-Bs7Ds";
    public const string NoPermissionId = "AUTH-5mWD2";
    public const string OrgFactorAlreadyExistsId = "Org-2B0ps";
    public const string OrgFactorNotExistingId = "Org-3M9od";
    public const string InstanceFactorAlreadyExistsId = "INSTANCE-2B0ps";
    public const string InstanceFactorNotExistingId = "INSTANCE-3M9od";
    public const string LoginPolicyAlreadyExistsId = "Org-Dgfb2";
    public const string LoginPolicyNotFoundId = "Org-GHB37";
    public const string RedirectUriInvalidId = "Org-WSfdq";
    public const string SecondFactorInvalidId = "Org-SFeea";
    public const string MultiFactorInvalidId = "Org-WSfrg";

    public const string MultifactorAlreadyExists = "Multifactor already exists";
    public const string MultifactorNotExisting = "Multifactor not existing";
    public const string MultifactorInvalid = "Multifactor invalid";
    public const string RedirectUriInvalid = "Default Redirect URI is invalid";

    /// <summary>No Authorization header: a plain Unauthenticated status (internal/api/grpc/server/middleware/auth_interceptor.go).</summary>
    public static ApiError AuthHeaderMissing() => new(401, null, "auth header missing", GrpcCodes.Unauthenticated);

    /// <summary>An Authorization header that is not <c>Bearer &lt;token&gt;</c> (internal/api/authz).</summary>
    public static ApiError InvalidAuthHeader() => new(401, InvalidAuthHeaderId, "invalid auth header", GrpcCodes.Unauthenticated);

    /// <summary>Strict mode: a bearer token the emulator did not issue.</summary>
    public static ApiError InvalidToken() => new(401, InvalidTokenId, "invalid token", GrpcCodes.Unauthenticated);

    public static ApiError OrganisationMissing() => new(403, OrganisationMissingId, "Organisation doesn't exist", GrpcCodes.PermissionDenied);

    public static ApiError NoMatchingPermissions() => new(403, NoPermissionId, "No matching permissions found", GrpcCodes.PermissionDenied);

    public static ApiError OrgFactorAlreadyExists() => new(409, OrgFactorAlreadyExistsId, MultifactorAlreadyExists, GrpcCodes.AlreadyExists);

    public static ApiError OrgFactorNotExisting() => new(404, OrgFactorNotExistingId, MultifactorNotExisting, GrpcCodes.NotFound);

    /// <summary>The instance's texts: the stored en.yaml gives its MFA keys the org's wording.</summary>
    public static ApiError InstanceFactorAlreadyExists() => new(409, InstanceFactorAlreadyExistsId, MultifactorAlreadyExists, GrpcCodes.AlreadyExists);

    public static ApiError InstanceFactorNotExisting() => new(404, InstanceFactorNotExistingId, MultifactorNotExisting, GrpcCodes.NotFound);

    public static ApiError LoginPolicyAlreadyExists() => new(409, LoginPolicyAlreadyExistsId, "Login Policy already exists", GrpcCodes.AlreadyExists);

    public static ApiError LoginPolicyNotFound() => new(404, LoginPolicyNotFoundId, "Login Policy not found", GrpcCodes.NotFound);

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
}

/// <summary>
/// Every ZITADEL API path: <c>/management/</c>, <c>/admin/</c>, <c>/auth/v1</c>, <c>/system/</c>. Answers in the
/// gateway's Status body and checks bearer tokens the way ZITADEL does, before validation.
/// </summary>
internal sealed class ZitadelFamily(ZitadelStore store, EmulatorOptions options) : ApiFamily
{
    /// <summary>Names the org a call acts in, instead of the token owner's (zitadel internal/api/http/header.go).</summary>
    public const string OrgIdHeader = "x-zitadel-orgid";
    private const string BearerPrefix = "Bearer ";

    public override string Name => "ZITADEL";

    public override bool Owns(PathString path) =>
        path.StartsWithSegments("/management")
        || path.StartsWithSegments("/admin")
        || path.StartsWithSegments("/auth/v1")
        || path.StartsWithSegments("/system");

    public override object Envelope(ApiError error, string requestId)
    {
        var code = error.GrpcCode != 0 ? error.GrpcCode : GrpcCodes.ForHttpStatus(error.Status);
        var details = error.Code is null ? null : new[] { new ZitadelErrorDetail(ZitadelErrors.ErrorDetailType, error.Code, error.Message) };
        return new ZitadelErrorEnvelope(code, ZitadelErrors.StatusMessage(error), details);
    }

    /// <summary>
    /// Order as on the server: the token (401), then the org (403 <c>AUTH-Bs7Ds</c>), then the route's permission
    /// in that org (403 <c>AUTH-5mWD2</c>); validation (400) only after all three.
    /// </summary>
    public override ValueTask<ApiError?> AuthenticateAsync(HttpContext context)
    {
        var permission = context.GetEndpoint()?.Metadata.GetMetadata<ZitadelPermission>()?.Name;
        var outcome = Authenticate(context.Request, permission);
        if (outcome.Caller is null)
        {
            var error = outcome.Error ?? ZitadelErrors.AuthHeaderMissing();
            if (error.GrpcCode == GrpcCodes.Unauthenticated)
            {
                // grpc-gateway repeats an Unauthenticated status's message in WWW-Authenticate.
                context.Response.Headers.WWWAuthenticate = ZitadelErrors.StatusMessage(error);
            }
            return ValueTask.FromResult<ApiError?>(error);
        }
        outcome.Caller.AttachTo(context);
        return ValueTask.FromResult<ApiError?>(null);
    }

    private ZitadelAuthOutcome Authenticate(HttpRequest request, string? permission)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return ZitadelAuthOutcome.Fail(ZitadelErrors.AuthHeaderMissing());
        }
        if (!authorization.StartsWith(BearerPrefix, StringComparison.Ordinal) || authorization.Length == BearerPrefix.Length)
        {
            return ZitadelAuthOutcome.Fail(ZitadelErrors.InvalidAuthHeader());
        }
        var pat = store.FindToken(authorization[BearerPrefix.Length..]);
        if (pat is null && options.Strict)
        {
            return ZitadelAuthOutcome.Fail(ZitadelErrors.InvalidToken());
        }

        var requestedOrg = request.Headers[OrgIdHeader].ToString();
        var orgId = requestedOrg.Length > 0 ? requestedOrg : pat?.OrgId ?? DefaultZitadelInstance.OrgId;
        if (!store.OrgExists(orgId))
        {
            return ZitadelAuthOutcome.Fail(ZitadelErrors.OrganisationMissing());
        }

        // Lenient mode: any well-formed bearer token is an owner of the org it targets.
        if (pat is null || !options.Strict)
        {
            return ZitadelAuthOutcome.Ok(new ZitadelCaller(orgId, ZitadelRoles.Lenient));
        }
        var roles = ZitadelRoles.EffectiveIn(pat, orgId);
        return permission is null || ZitadelRoles.Grants(roles, permission)
            ? ZitadelAuthOutcome.Ok(new ZitadelCaller(orgId, roles))
            : ZitadelAuthOutcome.Fail(ZitadelErrors.NoMatchingPermissions());
    }

    public override ApiError ValidationFailed(ValidationFailure failure) =>
        failure.CustomState is ZitadelErrorId id
            ? new ApiError(400, id.Id, failure.ErrorMessage, GrpcCodes.InvalidArgument)
            : ZitadelErrors.InvalidArgument(failure.ErrorMessage);

    /// <summary>The gateway's protojson decode errors are plain InvalidArgument statuses prefixed <c>proto:</c>.</summary>
    public override ApiError MalformedBody(string? field, string detail) => field is null
        ? ZitadelErrors.InvalidArgument($"proto: syntax error: {detail}")
        : ZitadelErrors.InvalidArgument($"proto: invalid value for field {field}");

    public override ApiError BodyTooLarge(long limit) =>
        new(413, null, $"grpc: received message larger than max ({limit} bytes)", GrpcCodes.ResourceExhausted);

    /// <summary>The gateway's own 404 for an unknown path (no details).</summary>
    public override ApiError RouteNotFound(string method, string path) => new(404, null, "Not Found", GrpcCodes.NotFound);

    /// <summary>ZITADEL rewrites the gateway's 405 to code 12 and keeps HTTP 405.</summary>
    public override ApiError MethodNotAllowed(string method, string path) => new(405, null, "Method Not Allowed", GrpcCodes.Unimplemented);

    public override ApiError ForStatus(int status) => new(status, null, HttpReasons.For(status), GrpcCodes.ForHttpStatus(status));
}

internal readonly record struct ZitadelAuthOutcome(ZitadelCaller? Caller, ApiError? Error)
{
    public static ZitadelAuthOutcome Ok(ZitadelCaller caller) => new(caller, null);

    public static ZitadelAuthOutcome Fail(ApiError error) => new(null, error);
}
