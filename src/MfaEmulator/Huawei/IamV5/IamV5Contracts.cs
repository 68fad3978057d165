using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace MfaEmulator.Huawei.IamV5;

// CreateVirtualMfaDeviceV5
internal sealed record CreateVirtualMfaDeviceV5Body(
    [property: JsonPropertyName("virtual_mfa_device_name")] string? VirtualMfaDeviceName,
    [property: JsonPropertyName("user_id")] string? UserId);

internal sealed record CreateVirtualMfaDeviceV5Request
{
    [FromBody]
    public CreateVirtualMfaDeviceV5Body? Body { get; init; }
}

internal sealed record CreateVirtualMfaDeviceV5Response(
    [property: JsonPropertyName("virtual_mfa_device")] CreatedVirtualMfaDeviceV5 VirtualMfaDevice);

internal sealed record CreatedVirtualMfaDeviceV5(
    [property: JsonPropertyName("serial_number")] string SerialNumber,
    [property: JsonPropertyName("base32_string_seed")] string Base32StringSeed);

// EnableMfaDeviceV5 (seed 002)
internal sealed record EnableMfaDeviceV5Body(
    [property: JsonPropertyName("user_id")] string? UserId,
    [property: JsonPropertyName("serial_number")] string? SerialNumber,
    [property: JsonPropertyName("authentication_code_first")] string? AuthenticationCodeFirst,
    [property: JsonPropertyName("authentication_code_second")] string? AuthenticationCodeSecond);

internal sealed record EnableMfaDeviceV5Request
{
    [FromBody]
    public EnableMfaDeviceV5Body? Body { get; init; }
}

// DisableMfaDeviceV5
internal sealed record DisableMfaDeviceV5Body(
    [property: JsonPropertyName("user_id")] string? UserId,
    [property: JsonPropertyName("serial_number")] string? SerialNumber);

internal sealed record DisableMfaDeviceV5Request
{
    [FromBody]
    public DisableMfaDeviceV5Body? Body { get; init; }
}

// DeleteVirtualMfaDeviceV5
internal sealed record DeleteVirtualMfaDeviceV5Request
{
    [FromQuery(Name = "user_id")]
    public string? UserId { get; init; }

    [FromQuery(Name = "serial_number")]
    public string? SerialNumber { get; init; }
}

// ListMfaDevicesV5; limit arrives as text so a bad one gets IAM's envelope.
internal sealed record ListMfaDevicesV5Request
{
    [FromQuery(Name = "user_id")]
    public string? UserId { get; init; }

    [FromQuery(Name = "limit")]
    public string? Limit { get; init; }

    [FromQuery(Name = "marker")]
    public string? Marker { get; init; }
}

internal sealed record ListMfaDevicesV5Response(
    [property: JsonPropertyName("mfa_devices")] IReadOnlyList<MfaDeviceV5View> MfaDevices,
    [property: JsonPropertyName("page_info")] PageInfo PageInfo);

internal sealed record MfaDeviceV5View(
    [property: JsonPropertyName("serial_number")] string SerialNumber,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("enabled")] bool Enabled);

/// <summary><c>next_marker</c> is present only while more pages remain (huaweicloudsdkiam v5 page_info.py).</summary>
internal sealed record PageInfo(
    [property: JsonPropertyName("next_marker"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextMarker,
    [property: JsonPropertyName("current_count")] int CurrentCount);

/// <summary>The JSON metadata of IAM v5's bodies and answers, generated at compile time (see JsonContracts).</summary>
[JsonSerializable(typeof(CreateVirtualMfaDeviceV5Body))]
[JsonSerializable(typeof(CreateVirtualMfaDeviceV5Response))]
[JsonSerializable(typeof(EnableMfaDeviceV5Body))]
[JsonSerializable(typeof(DisableMfaDeviceV5Body))]
[JsonSerializable(typeof(ListMfaDevicesV5Response))]
[JsonSerializable(typeof(IamV5ErrorEnvelope))]
internal sealed partial class IamV5JsonContext : JsonSerializerContext;
