using MfaEmulator.Common.Errors;
using MfaEmulator.Emulator;

namespace MfaEmulator.Zitadel;

/// <summary>
/// Every ZITADEL API path: <c>/management/</c>, <c>/admin/</c>, <c>/auth/v1</c>, <c>/system/</c>. Answers in the
/// gateway's Status body and checks bearer tokens the way ZITADEL does, before validation.
/// </summary>
internal sealed class ZitadelFamily(ZitadelOrgs orgs, EmulatorOptions options) : ApiFamily
{
    /// <summary>Names the org a call acts in, instead of the token owner's (zitadel internal/api/http/header.go).</summary>
    public const string OrgIdHeader = "x-zitadel-orgid";
    private const string BearerPrefix = "Bearer ";

    public override string Name => "ZITADEL";

    public override IReadOnlyList<PathString> Prefixes { get; } = ["/management", "/admin", "/auth/v1", "/system"];

    public override string SecurityScheme => ZitadelVendor.BearerScheme;

    /// <summary>The gateway registers its JSON marshaler for <c>*</c> (internal/api/grpc/server/gateway.go <c>runtime.MIMEWildcard</c>).</summary>
    public override bool ReadsAnyBodyAsJson => true;

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
        var pat = orgs.FindToken(authorization[BearerPrefix.Length..]);
        if (pat is null && options.Strict)
        {
            return ZitadelAuthOutcome.Fail(ZitadelErrors.InvalidToken());
        }

        var requestedOrg = request.Headers[OrgIdHeader].ToString();
        var orgId = requestedOrg.Length > 0 ? requestedOrg : pat?.OrgId ?? DefaultZitadelInstance.OrgId;
        if (!orgs.OrgExists(orgId))
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

    public override ApiError MalformedBody(string? field, string detail) => ZitadelErrors.MalformedBody(field, detail);

    public override ApiError BodyTooLarge(long limit) => ZitadelErrors.BodyTooLarge(limit);

    public override ApiError RouteNotFound(string method, string path) => ZitadelErrors.RouteNotFound();

    public override ApiError MethodNotAllowed(string method, string path) => ZitadelErrors.MethodNotAllowed();

    public override ApiError ForStatus(int status) => ZitadelErrors.ForStatus(status);
}

internal readonly record struct ZitadelAuthOutcome(ZitadelCaller? Caller, ApiError? Error)
{
    public static ZitadelAuthOutcome Ok(ZitadelCaller caller) => new(caller, null);

    public static ZitadelAuthOutcome Fail(ApiError error) => new(null, error);
}
