using System.Text.Json.Serialization;
using MfaEmulator.Common.Errors;
using MfaEmulator.Huawei.Auth;

namespace MfaEmulator.Huawei.Keystone;

/// <summary>The Keystone-compatible envelope of <c>/v3/…</c> (OTC token pages): <c>{"error":{"code","message","title"}}</c>.</summary>
internal sealed record KeystoneErrorEnvelope([property: JsonPropertyName("error")] KeystoneError Error);

internal sealed record KeystoneError(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("title")] string Title);

internal static class KeystoneErrors
{
    public static ApiError BadRequest(string message) => new(400, null, message);

    /// <summary>iam_30_0001: one message for an unknown user and a wrong password, so names cannot be probed.</summary>
    public static ApiError WrongPassword() => new(401, null, "The username or password is wrong.");

    public static ApiError Unauthorized(string message) => new(401, null, message);

    public static ApiError Forbidden() => new(403, null, "You are not authorized to perform the requested action.");

    /// <summary>KeystoneValidateToken's documented 404.</summary>
    public static ApiError SubjectTokenInvalid() => new(404, null, "X-Subject-Token is invalid in the request");

    public static ApiError Unauthenticated(AuthFailure failure) => Unauthorized(failure.Kind == AuthFailureKind.Missing
        ? "The request you have made requires authentication."
        : $"The request you have made requires authentication: {failure.Reason}.");

    public static ApiError MalformedBody(string? field, string detail) =>
        BadRequest(field is null ? $"The request body is invalid: {detail}." : $"Invalid input for field '{field}': {detail}.");

    public static ApiError BodyTooLarge(long limit) => new(413, null, $"Request Entity Too Large: the body exceeds {limit} bytes.");

    public static ApiError NotFound(string method, string path) => new(404, null, $"The resource could not be found: {method} {path}.");

    public static ApiError ForStatus(int status) => new(status, null, HttpReasons.For(status));
}

/// <summary>Routes under <c>/v3/</c> (not <c>/v3.0/</c>): tokens, projects, domains.</summary>
internal sealed class KeystoneFamily(HuaweiAuthenticator authenticator) : HuaweiFamily(authenticator)
{
    public override string Name => "Huawei IAM Keystone v3";

    public override IReadOnlyList<PathString> Prefixes { get; } = ["/v3"];

    public override object Envelope(ApiError error, string requestId) =>
        new KeystoneErrorEnvelope(new KeystoneError(error.Status, error.Message, HttpReasons.For(error.Status)));

    public override ApiError Unauthenticated(AuthFailure failure) => KeystoneErrors.Unauthenticated(failure);

    public override ApiError MalformedBody(string? field, string detail) => KeystoneErrors.MalformedBody(field, detail);

    public override ApiError BodyTooLarge(long limit) => KeystoneErrors.BodyTooLarge(limit);

    public override ApiError RouteNotFound(string method, string path) => KeystoneErrors.NotFound(method, path);

    public override ApiError ForStatus(int status) => KeystoneErrors.ForStatus(status);
}
