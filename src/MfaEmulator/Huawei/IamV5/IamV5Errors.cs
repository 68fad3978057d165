using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MfaEmulator.Common.Errors;
using MfaEmulator.Huawei.Auth;
using MfaEmulator.Huawei.Iam;

namespace MfaEmulator.Huawei.IamV5;

/// <summary>IAM v5's envelope (api-iam5 ErrorCode); permission failures add <c>encoded_authorization_message</c>.</summary>
internal sealed record IamV5ErrorEnvelope(
    [property: JsonPropertyName("error_code")] string ErrorCode,
    [property: JsonPropertyName("error_msg")] string ErrorMsg,
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("encoded_authorization_message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EncodedAuthorizationMessage = null);

/// <summary>IAM v5's own PAP5 codes (api-iam5 ErrorCode); the rest are the classic IAM codes v5 also returns.</summary>
internal static class IamV5Errors
{
    public const string AccessDeniedCode = "PAP5.0001";

    public static ApiError InvalidMarker() => new(400, "PAP5.0010", "invalid marker");

    public static ApiError InvalidSerialNumber(string reason) => new(400, "PAP5.0041", $"invalid serial number: {reason}");

    /// <summary>The message names the action; the encoded message (what STS5 decodes) is written by the envelope.</summary>
    public static ApiError AccessDenied(string action, string resource) =>
        new(403, AccessDeniedCode, $"access denied: the caller is not authorized to perform {action} on resource {resource}");

    /// <summary>Stands in for STS5's encrypted detail: base64 of the same explanation, never of any secret.</summary>
    public static string EncodeAuthorizationMessage(string message) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, string> { ["reason"] = message })));
}

/// <summary>Routes under <c>/v5/</c> that name an IAM v5 resource; every other <c>/v5/…</c> path is HSS's.</summary>
internal sealed class IamV5Family(HuaweiAuthenticator authenticator) : HuaweiFamily(authenticator)
{
    public override string Name => "Huawei IAM v5";

    /// <summary>IAM v5's resources; HSS owns the rest of <c>/v5</c> (<c>/v5/{project_id}/…</c>).</summary>
    public override IReadOnlyList<PathString> Prefixes { get; } =
        [.. new[] { "mfa-devices", "virtual-mfa-devices", "users", "groups", "policies", "agencies", "caller-identity", "login-profiles", "access-keys" }
            .Select(resource => new PathString("/v5/" + resource))];

    public override object Envelope(ApiError error, string requestId) => new IamV5ErrorEnvelope(
        error.Code ?? "IAM.0006", error.Message, requestId,
        error.Code == IamV5Errors.AccessDeniedCode ? IamV5Errors.EncodeAuthorizationMessage(error.Message) : null);

    public override ApiError MalformedBody(string? field, string detail) => IamErrors.MalformedBody(field, detail);

    public override ApiError ForStatus(int status) => IamErrors.ForStatus(status);
}
