using System.Text.Json.Serialization;
using MfaEmulator.Huawei.Iam;
using Microsoft.AspNetCore.Mvc;

namespace MfaEmulator.Huawei.IamV3;

// CreateMfaDevice (iam_08_0019)
internal sealed record CreateMfaDeviceBody(
    [property: JsonPropertyName("virtual_mfa_device")] CreateMfaDeviceSpec? VirtualMfaDevice);

internal sealed record CreateMfaDeviceSpec(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("user_id")] string? UserId);

internal sealed record CreateMfaDeviceRequest
{
    [FromBody]
    public CreateMfaDeviceBody? Body { get; init; }
}

internal sealed record CreateMfaDeviceResponse(
    [property: JsonPropertyName("virtual_mfa_device")] CreatedMfaDevice VirtualMfaDevice);

internal sealed record CreatedMfaDevice(
    [property: JsonPropertyName("serial_number")] string SerialNumber,
    [property: JsonPropertyName("base32_string_seed")] string Base32StringSeed);

// CreateBindingDevice (iam_08_0017, seed 003)
internal sealed record BindMfaDeviceBody(
    [property: JsonPropertyName("user_id")] string? UserId,
    [property: JsonPropertyName("serial_number")] string? SerialNumber,
    [property: JsonPropertyName("authentication_code_first")] string? AuthenticationCodeFirst,
    [property: JsonPropertyName("authentication_code_second")] string? AuthenticationCodeSecond);

internal sealed record BindMfaDeviceRequest
{
    [FromBody]
    public BindMfaDeviceBody? Body { get; init; }
}

// DeleteBindingDevice (iam_08_0018)
internal sealed record UnbindMfaDeviceBody(
    [property: JsonPropertyName("user_id")] string? UserId,
    [property: JsonPropertyName("authentication_code")] string? AuthenticationCode,
    [property: JsonPropertyName("serial_number")] string? SerialNumber);

internal sealed record UnbindMfaDeviceRequest
{
    [FromBody]
    public UnbindMfaDeviceBody? Body { get; init; }
}

// DeleteMfaDevice (iam_08_0020)
internal sealed record DeleteMfaDeviceRequest
{
    [FromQuery(Name = "user_id")]
    public string? UserId { get; init; }

    [FromQuery(Name = "serial_number")]
    public string? SerialNumber { get; init; }
}

// ListUserMfaDevices / ShowUserMfaDevice (iam_08_0012 / 0013)
internal sealed record MfaDeviceView(
    [property: JsonPropertyName("serial_number")] string SerialNumber,
    [property: JsonPropertyName("user_id")] string UserId);

internal sealed record ListMfaDevicesResponse(
    [property: JsonPropertyName("virtual_mfa_devices")] IReadOnlyList<MfaDeviceView> VirtualMfaDevices);

internal sealed record ShowMfaDeviceResponse(
    [property: JsonPropertyName("virtual_mfa_device")] MfaDeviceView VirtualMfaDevice);

internal sealed record UserPathRequest
{
    [FromRoute(Name = "user_id")]
    public required string UserId { get; init; }
}

// UpdateLoginProtect (iam_08_0021, seed 001); the SDK class is really spelt UpdateLoginProjectReq.
internal sealed record UpdateLoginProtectBody(
    [property: JsonPropertyName("login_protect")] LoginProtectSpec? LoginProtect);

internal sealed record LoginProtectSpec(
    [property: JsonPropertyName("enabled")] bool? Enabled,
    [property: JsonPropertyName("verification_method")] string? VerificationMethod);

internal sealed record UpdateLoginProtectRequest
{
    [FromRoute(Name = "user_id")]
    public required string UserId { get; init; }

    [FromBody]
    public UpdateLoginProtectBody? Body { get; init; }
}

internal sealed record LoginProtectView(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("verification_method")] string VerificationMethod)
{
    public static LoginProtectView Of(LoginProtect protect) => new(protect.UserId, protect.Enabled, protect.VerificationMethod);
}

internal sealed record LoginProtectResponse(
    [property: JsonPropertyName("login_protect")] LoginProtectView LoginProtect);

internal sealed record ListLoginProtectsResponse(
    [property: JsonPropertyName("login_protects")] IReadOnlyList<LoginProtectView> LoginProtects);

/// <summary>The JSON metadata of IAM v3.0's bodies and answers, generated at compile time (see JsonContracts).</summary>
[JsonSerializable(typeof(CreateMfaDeviceBody))]
[JsonSerializable(typeof(CreateMfaDeviceResponse))]
[JsonSerializable(typeof(BindMfaDeviceBody))]
[JsonSerializable(typeof(UnbindMfaDeviceBody))]
[JsonSerializable(typeof(ListMfaDevicesResponse))]
[JsonSerializable(typeof(ShowMfaDeviceResponse))]
[JsonSerializable(typeof(UpdateLoginProtectBody))]
[JsonSerializable(typeof(LoginProtectResponse))]
[JsonSerializable(typeof(ListLoginProtectsResponse))]
internal sealed partial class IamV3JsonContext : JsonSerializerContext;
