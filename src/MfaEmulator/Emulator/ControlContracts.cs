using System.Text.Json;
using System.Text.Json.Serialization;

namespace MfaEmulator.Emulator;

/// <summary>
/// <c>POST /_emulator/reset</c>: no body (or <c>{}</c>) resets everything; one tenant key a vendor declares
/// (<c>{"domain_id": "…"}</c>, <c>{"project_id": "…"}</c>, <c>{"org_id": "…"}</c>) resets only that tenant.
/// </summary>
internal sealed class ResetBody
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Tenant { get; set; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record ClockBody(
    [property: JsonPropertyName("frozen_at")] DateTimeOffset? FrozenAt,
    [property: JsonPropertyName("offset_seconds")] double? OffsetSeconds,
    [property: JsonPropertyName("mode")] string? Mode);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record AdvanceBody([property: JsonPropertyName("seconds")] double? Seconds);

internal sealed record ClockView(
    [property: JsonPropertyName("now")] DateTimeOffset Now,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("offset_seconds")] double OffsetSeconds);

/// <summary>The JSON metadata of the emulator's own routes, generated at compile time (see JsonContracts).</summary>
// object: every endpoint's generated delegate asks for it at start-up; from here it does not start the reflection resolver.
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))] // the state routes' document
[JsonSerializable(typeof(ResetBody))]
[JsonSerializable(typeof(ClockBody))]
[JsonSerializable(typeof(AdvanceBody))]
[JsonSerializable(typeof(ClockView))]
[JsonSerializable(typeof(FaultBody))]
[JsonSerializable(typeof(FaultCreated))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(JournalPage))]
[JsonSerializable(typeof(VerifyResult))]
internal sealed partial class EmulatorJsonContext : JsonSerializerContext;
