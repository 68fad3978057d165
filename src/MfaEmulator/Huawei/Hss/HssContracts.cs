using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace MfaEmulator.Huawei.Hss;

/// <summary>SetTwoFactorLoginConfig request body (api-hss2.0, seed 000).</summary>
internal sealed record TwoFactorLoginConfigBody(
    [property: JsonPropertyName("enabled")] bool? Enabled,
    [property: JsonPropertyName("auth_type")] string? AuthType,
    [property: JsonPropertyName("topic_display_name")] string? TopicDisplayName,
    [property: JsonPropertyName("topic_urn")] string? TopicUrn,
    [property: JsonPropertyName("host_id_list")] IReadOnlyList<string?>? HostIdList);

internal sealed record SetTwoFactorLoginConfigRequest
{
    [FromRoute(Name = "project_id")]
    public required string ProjectId { get; init; }

    [FromQuery(Name = "enterprise_project_id")]
    public string? EnterpriseProjectId { get; init; }

    [FromBody]
    public TwoFactorLoginConfigBody? Body { get; init; }
}

/// <summary>ListTwoFactorLoginHost query; numbers arrive as text so a bad one gets HSS's envelope, not a binder error.</summary>
internal sealed record ListTwoFactorLoginHostRequest
{
    [FromRoute(Name = "project_id")]
    public required string ProjectId { get; init; }

    [FromQuery(Name = "enterprise_project_id")]
    public string? EnterpriseProjectId { get; init; }

    [FromQuery(Name = "host_name")]
    public string? HostName { get; init; }

    [FromQuery(Name = "display_name")]
    public string? DisplayName { get; init; }

    [FromQuery(Name = "limit")]
    public string? Limit { get; init; }

    [FromQuery(Name = "offset")]
    public string? Offset { get; init; }
}

internal sealed record TwoFactorLoginHostList(
    [property: JsonPropertyName("total_num")] int TotalNum,
    [property: JsonPropertyName("data_list")] IReadOnlyList<TwoFactorLoginHost> DataList);

internal sealed record TwoFactorLoginHost(
    [property: JsonPropertyName("host_id")] string HostId,
    [property: JsonPropertyName("host_name")] string HostName,
    [property: JsonPropertyName("os_type")] string OsType,
    [property: JsonPropertyName("auth_switch")] bool AuthSwitch,
    [property: JsonPropertyName("auth_type"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AuthType,
    [property: JsonPropertyName("topic_display_name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TopicDisplayName,
    [property: JsonPropertyName("topic_urn"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TopicUrn,
    [property: JsonPropertyName("outside_host")] bool OutsideHost);

/// <summary>The JSON metadata of HSS's bodies and answers, generated at compile time (see JsonContracts).</summary>
[JsonSerializable(typeof(TwoFactorLoginConfigBody))]
[JsonSerializable(typeof(TwoFactorLoginHostList))]
[JsonSerializable(typeof(HssHost))]
internal sealed partial class HssJsonContext : JsonSerializerContext;
