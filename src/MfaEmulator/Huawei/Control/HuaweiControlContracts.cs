using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace MfaEmulator.Huawei.Control;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record CreateHuaweiUserBody(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("mobile")] string? Mobile,
    [property: JsonPropertyName("admin")] bool? Admin,
    [property: JsonPropertyName("domain_id")] string? DomainId,
    [property: JsonPropertyName("domain_name")] string? DomainName,
    [property: JsonPropertyName("user_id")] string? UserId = null,
    [property: JsonPropertyName("access_key")] string? AccessKey = null,
    [property: JsonPropertyName("secret_key")] string? SecretKey = null,
    [property: JsonPropertyName("token")] string? Token = null);

internal sealed record CreatedHuaweiUser(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("domain_id")] string DomainId,
    [property: JsonPropertyName("domain_name")] string DomainName,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("password")] string Password,
    [property: JsonPropertyName("admin")] bool Admin,
    [property: JsonPropertyName("access_key")] string AccessKey,
    [property: JsonPropertyName("secret_key")] string SecretKey,
    [property: JsonPropertyName("token")] string Token);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record CreateHssHostBody(
    [property: JsonPropertyName("project_id")] string? ProjectId,
    [property: JsonPropertyName("host_id")] string? HostId,
    [property: JsonPropertyName("host_name")] string? HostName,
    [property: JsonPropertyName("os_type")] string? OsType,
    [property: JsonPropertyName("enterprise_project_id")] string? EnterpriseProjectId);

internal sealed record CodesRequest
{
    [FromQuery(Name = "serial_number")]
    public string? SerialNumber { get; init; }
}

internal sealed record DeviceCodes(
    [property: JsonPropertyName("serial_number")] string SerialNumber,
    [property: JsonPropertyName("previous")] string Previous,
    [property: JsonPropertyName("current")] string Current,
    [property: JsonPropertyName("next")] string Next,
    [property: JsonPropertyName("step_seconds")] int StepSeconds,
    [property: JsonPropertyName("valid_for_seconds")] int ValidForSeconds,
    [property: JsonPropertyName("at")] DateTimeOffset At);

/// <summary>The <c>huawei</c> section of a seed file: users and hosts, with the fields of the control routes.</summary>
internal sealed record HuaweiSeed(
    [property: JsonPropertyName("users")] IReadOnlyList<CreateHuaweiUserBody>? Users,
    [property: JsonPropertyName("hosts")] IReadOnlyList<CreateHssHostBody>? Hosts);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record BulkAccountsBody(
    [property: JsonPropertyName("count")] int? Count,
    [property: JsonPropertyName("device")] bool? Device);

internal sealed record BulkAccountsCreated(
    [property: JsonPropertyName("created")] int Created,
    [property: JsonPropertyName("first")] CreatedHuaweiUser First,
    [property: JsonPropertyName("first_device_serial")] string? FirstDeviceSerial);

/// <summary>The JSON metadata of the Huawei error body and control routes, generated at compile time (see JsonContracts).</summary>
[JsonSerializable(typeof(HuaweiErrorEnvelope))]
[JsonSerializable(typeof(CreateHuaweiUserBody))]
[JsonSerializable(typeof(CreatedHuaweiUser))]
[JsonSerializable(typeof(CreateHssHostBody))]
[JsonSerializable(typeof(DeviceCodes))]
[JsonSerializable(typeof(BulkAccountsBody))]
[JsonSerializable(typeof(BulkAccountsCreated))]
internal sealed partial class HuaweiJsonContext : JsonSerializerContext;
