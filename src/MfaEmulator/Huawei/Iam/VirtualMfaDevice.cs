using System.Text.Json.Serialization;
using MfaEmulator.Common.Totp;

namespace MfaEmulator.Huawei.Iam;

/// <summary>
/// A virtual MFA device of one IAM user. IAM v3.0 and IAM v5 are two faces of one IAM service, so a device
/// created through either is seen by both; only the serial number's shape tells where it was made.
/// </summary>
internal sealed record VirtualMfaDevice(
    [property: JsonPropertyName("serial_number")] string SerialNumber,
    [property: JsonPropertyName("domain_id")] string DomainId,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("base32_string_seed"), JsonConverter(typeof(Base32SecretConverter))] byte[] Secret,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("enabled")] bool Enabled = false,
    [property: JsonPropertyName("last_used_step")] long? LastUsedStep = null);

/// <summary>Serial number shapes from the vendor docs.</summary>
internal static class SerialNumbers
{
    /// <summary>IAM v3.0 (iam_08_0017/0019): <c>iam:&lt;domain_id&gt;:mfa/&lt;device_name&gt;</c>.</summary>
    public static string V3(string domainId, string name) => $"iam:{domainId}:mfa/{name}";

    /// <summary>IAM v5 (EnableMfaDeviceV5 example <c>iam::accountid:mfa:name</c>).</summary>
    public static string V5(string domainId, string name) => $"iam::{domainId}:mfa:{name}";
}
