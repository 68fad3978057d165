using MfaEmulator.Emulator;
using MfaEmulator.Huawei.Accounts;

namespace MfaEmulator.Huawei.Auth;

/// <summary>
/// Checks <c>X-Auth-Token</c> or an <c>SDK-HMAC-SHA256</c> signature, the two ways Huawei APIs accept a caller.
/// Lenient mode (the default): a known token or access key is its user; any other well-formed one is the
/// default account's administrator, since the official SDKs sign with AK/SK and never send a token.
/// Strict mode: only tokens this emulator issued (and unexpired) and signatures that verify against a
/// known AK/SK within 15 minutes of the emulator's clock.
/// </summary>
internal sealed class HuaweiAuthenticator(HuaweiAccounts accounts, TimeProvider clock, EmulatorOptions options)
{
    public const string TokenHeader = "X-Auth-Token";
    public const int MaxTokenLength = 32_768;
    public static readonly TimeSpan MaxSignatureSkew = TimeSpan.FromMinutes(15);

    public AuthOutcome Authenticate(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.TryGetValue(TokenHeader, out var tokenValues) && tokenValues.ToString() is { Length: > 0 } token)
        {
            return ByToken(token);
        }
        if (request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            return BySignature(context, authorization);
        }
        return AuthOutcome.Fail(AuthFailureKind.Missing, "x-auth-token not found");
    }

    private AuthOutcome ByToken(string token)
    {
        if (token.Length > MaxTokenLength)
        {
            return AuthOutcome.Fail(AuthFailureKind.InvalidToken, $"decrypt token fail: X-Auth-Token is longer than {MaxTokenLength} characters");
        }
        var issued = accounts.FindToken(token);
        if (issued is null)
        {
            return options.Strict
                ? AuthOutcome.Fail(AuthFailureKind.InvalidToken, "decrypt token fail")
                : AuthOutcome.Ok(new HuaweiCaller(accounts.FindUser(DefaultHuaweiAccount.AdminId) ?? DefaultHuaweiAccount.Admin, token));
        }
        if (issued.ExpiresAt <= clock.GetUtcNow())
        {
            return AuthOutcome.Fail(AuthFailureKind.ExpiredToken, $"token expires, expires_at: {issued.ExpiresAt:yyyy-MM-ddTHH:mm:ss.ffffffZ}");
        }
        return accounts.FindUser(issued.UserId) is { } user
            ? AuthOutcome.Ok(new HuaweiCaller(user, token))
                : AuthOutcome.Fail(AuthFailureKind.InvalidToken, "decrypt token fail: the token's user no longer exists");
    }

    private AuthOutcome BySignature(HttpContext context, string authorization)
    {
        var parsed = SdkAuthorization.TryParse(authorization);
        var sdkDate = context.Request.Headers[SdkHmacSignature.DateHeader].ToString();
        if (parsed is null || !SdkHmacSignature.TryParseDate(sdkDate, out var signedAt))
        {
            return AuthOutcome.Fail(AuthFailureKind.BadSignature, "verify aksk signature fail: expected 'SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…' and an X-Sdk-Date of the form 20060102T150405Z");
        }
        var user = accounts.FindUserByAccessKey(parsed.AccessKey);
        if (!options.Strict)
        {
            return AuthOutcome.Ok(new HuaweiCaller(user ?? accounts.FindUser(DefaultHuaweiAccount.AdminId) ?? DefaultHuaweiAccount.Admin, Token: null));
        }
        if (user is null)
        {
            return AuthOutcome.Fail(AuthFailureKind.BadSignature, $"ak {parsed.AccessKey} not exist");
        }
        // SDKs stamp X-Sdk-Date with the real time even when a test has moved the emulator's clock, so a
        // date near either clock is fresh.
        if ((clock.GetUtcNow() - signedAt).Duration() > MaxSignatureSkew && (TimeProvider.System.GetUtcNow() - signedAt).Duration() > MaxSignatureSkew)
        {
            return AuthOutcome.Fail(AuthFailureKind.BadSignature, "verify aksk signature fail: X-Sdk-Date is more than 15 minutes from the server time");
        }
        var signed = Describe(context, parsed, sdkDate);
        var paths = CanonicalPaths(context.Request).ToList();
        var verified = paths.Any(path =>
            string.Equals(SdkHmacSignature.Compute(signed with { Path = path }, user.SecretKey), parsed.Signature, StringComparison.Ordinal));
        // As the real gateway does, name the canonical request it computed (never the SK or the expected signature),
        // so a client can compare it with its own and find its signing bug.
        return verified
            ? AuthOutcome.Ok(new HuaweiCaller(user, Token: null))
            : AuthOutcome.Fail(AuthFailureKind.BadSignature, $"verify aksk signature fail, canonicalRequest:{SdkHmacSignature.CanonicalRequest(signed with { Path = paths[0] })}");
    }

    private static SignedRequest Describe(HttpContext context, SdkAuthorization authorization, string sdkDate)
    {
        var request = context.Request;
        var headers = authorization.SignedHeaders
            .Select(name => (name, name.Equals("host", StringComparison.OrdinalIgnoreCase) ? request.Host.Value ?? "" : request.Headers[name].ToString()))
            .ToList();
        var query = request.Query.Select(q => new KeyValuePair<string, string[]>(q.Key, [.. q.Value.Select(v => v ?? "")])).ToList();
        return new SignedRequest(request.Method, "", query, headers, BodyHash(request, authorization), sdkDate);
    }

    /// <summary>
    /// The SDKs escape different forms of the path: Go and .NET the decoded path, Node the path as the caller
    /// wrote it (which is what arrives on the wire). Either verifies.
    /// </summary>
    private static IEnumerable<string> CanonicalPaths(HttpRequest request)
    {
        var decoded = (request.PathBase.Value ?? "") + (request.Path.Value ?? "");
        yield return decoded;
        var raw = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget?.Split('?', 2)[0];
        if (!string.IsNullOrEmpty(raw) && raw != decoded)
        {
            yield return raw;
        }
    }

    /// <summary>
    /// The body hash of the canonical request, from the bytes as received (never re-serialised JSON). A declared
    /// <c>X-Sdk-Content-Sha256</c> counts only as the SDKs' <c>UNSIGNED-PAYLOAD</c> and only when it is itself signed;
    /// any other declared hash is ignored, so a signature never vouches for a body it did not cover.
    /// </summary>
    private static string BodyHash(HttpRequest request, SdkAuthorization authorization)
    {
        var declared = request.Headers[SdkHmacSignature.ContentSha256Header].ToString();
        if (declared == SdkHmacSignature.UnsignedPayload
            && authorization.SignedHeaders.Contains(SdkHmacSignature.ContentSha256Header, StringComparer.OrdinalIgnoreCase))
        {
            return declared;
        }
        var body = ReceivedBody.Of(request.HttpContext)?.Bytes ?? ReadOnlyMemory<byte>.Empty;
        return SdkHmacSignature.HexSha256(body.Span);
    }
}

internal readonly record struct AuthOutcome(HuaweiCaller? Caller, AuthFailure? Failure)
{
    public static AuthOutcome Ok(HuaweiCaller caller) => new(caller, null);

    public static AuthOutcome Fail(AuthFailureKind kind, string reason) => new(null, new AuthFailure(kind, reason));
}

/// <summary>Why a credential was refused; each family picks its code from the kind and quotes the reason.</summary>
internal sealed record AuthFailure(AuthFailureKind Kind, string Reason);

internal enum AuthFailureKind
{
    Missing,
    InvalidToken,
    ExpiredToken,
    BadSignature,
}
