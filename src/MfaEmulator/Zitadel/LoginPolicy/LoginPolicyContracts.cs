using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace MfaEmulator.Zitadel.LoginPolicy;

/// <summary>The body of Add{Second,Multi}Factor…Request (management and admin alike): <c>{"type": "SECOND_FACTOR_TYPE_OTP"}</c>.</summary>
internal sealed record FactorBody([property: JsonPropertyName("type")] EnumField Type)
{
    public static FactorBody OfNumber(int number) => new(new EnumField(null, number));
}

/// <summary>The body is optional: the gateway reads an empty body as an empty message, so <c>type</c> is then unset.</summary>
internal sealed record AddSecondFactorRequest
{
    [FromBody]
    public FactorBody? Body { get; init; }
}

internal sealed record AddMultiFactorRequest
{
    [FromBody]
    public FactorBody? Body { get; init; }
}

/// <summary>RemoveSecondFactorFromLoginPolicyRequest: <c>{type}</c> in the path, by name or by number.</summary>
internal sealed record RemoveSecondFactorRequest
{
    [FromRoute(Name = "type")]
    public required string Type { get; init; }
}

internal sealed record RemoveMultiFactorRequest
{
    [FromRoute(Name = "type")]
    public required string Type { get; init; }
}

/// <summary>AddCustomLoginPolicyRequest; every field is optional, as in proto3.</summary>
internal sealed record AddCustomLoginPolicyRequest
{
    [FromBody]
    public AddCustomLoginPolicyBody? Body { get; init; }
}

/// <summary>UpdateCustomLoginPolicyRequest: the same settings without factors and IdPs (the decoder drops those fields).</summary>
internal sealed record UpdateCustomLoginPolicyRequest
{
    [FromBody]
    public AddCustomLoginPolicyBody? Body { get; init; }
}

/// <summary>The admin UpdateLoginPolicyRequest, on the instance's default policy.</summary>
internal sealed record UpdateDefaultLoginPolicyRequest
{
    [FromBody]
    public AddCustomLoginPolicyBody? Body { get; init; }
}

/// <summary>AddIDPToLoginPolicyRequest: <c>idpId</c>, and for an org the owner type (the admin message has no <c>ownerType</c>).</summary>
internal sealed record IdpLinkBody(
    [property: JsonPropertyName("idpId")] string? IdpId,
    [property: JsonPropertyName("ownerType")] EnumField OwnerType);

internal sealed record AddIdpRequest
{
    [FromBody]
    public IdpLinkBody? Body { get; init; }
}

internal sealed record AddDefaultIdpRequest
{
    [FromBody]
    public IdpLinkBody? Body { get; init; }
}

/// <summary>RemoveIDPFromLoginPolicyRequest: <c>{idp_id}</c> in the path.</summary>
internal sealed record RemoveIdpRequest
{
    [FromRoute(Name = "idp_id")]
    public required string IdpId { get; init; }
}

/// <summary>
/// The body of AddCustomLoginPolicy. The gateway's protojson takes a field by its JSON name (<c>allowRegister</c>)
/// or its proto name (<c>allow_register</c>); <see cref="ProtoFieldNamesConverter"/> renames the latter first.
/// </summary>
[JsonConverter(typeof(ProtoFieldNamesConverter))]
internal sealed record AddCustomLoginPolicyBody(LoginPolicyInput Fields);

/// <summary>
/// AddCustomLoginPolicyRequest's fields under their JSON names. Nullable so that <c>null</c> reads as unset, as
/// in protojson. <c>idps</c> is not modelled (the emulator has no identity providers) and is ignored.
/// </summary>
internal sealed record LoginPolicyInput
{
    [JsonPropertyName("allowUsernamePassword")]
    public bool? AllowUsernamePassword { get; init; }

    [JsonPropertyName("allowRegister")]
    public bool? AllowRegister { get; init; }

    [JsonPropertyName("allowExternalIdp")]
    public bool? AllowExternalIdp { get; init; }

    [JsonPropertyName("forceMfa")]
    public bool? ForceMfa { get; init; }

    [JsonPropertyName("passwordlessType")]
    public EnumField PasswordlessType { get; init; }

    [JsonPropertyName("hidePasswordReset")]
    public bool? HidePasswordReset { get; init; }

    [JsonPropertyName("passwordCheckLifetime")]
    public string? PasswordCheckLifetime { get; init; }

    [JsonPropertyName("externalLoginCheckLifetime")]
    public string? ExternalLoginCheckLifetime { get; init; }

    [JsonPropertyName("mfaInitSkipLifetime")]
    public string? MfaInitSkipLifetime { get; init; }

    [JsonPropertyName("secondFactorCheckLifetime")]
    public string? SecondFactorCheckLifetime { get; init; }

    [JsonPropertyName("multiFactorCheckLifetime")]
    public string? MultiFactorCheckLifetime { get; init; }

    [JsonPropertyName("secondFactors")]
    public IReadOnlyList<EnumField>? SecondFactors { get; init; }

    [JsonPropertyName("multiFactors")]
    public IReadOnlyList<EnumField>? MultiFactors { get; init; }

    [JsonPropertyName("ignoreUnknownUsernames")]
    public bool? IgnoreUnknownUsernames { get; init; }

    [JsonPropertyName("defaultRedirectUri")]
    public string? DefaultRedirectUri { get; init; }

    [JsonPropertyName("allowDomainDiscovery")]
    public bool? AllowDomainDiscovery { get; init; }

    [JsonPropertyName("disableLoginWithEmail")]
    public bool? DisableLoginWithEmail { get; init; }

    [JsonPropertyName("disableLoginWithPhone")]
    public bool? DisableLoginWithPhone { get; init; }

    [JsonPropertyName("forceMfaLocalOnly")]
    public bool? ForceMfaLocalOnly { get; init; }

    /// <summary>
    /// The policy this request asks for. Unset durations are zero (the server converts a nil Duration to 0);
    /// unknown factor names were dropped by the decoder; repeated factors count once.
    /// </summary>
    public LoginPolicySettings ToSettings() => new(
        AllowUsernamePassword: AllowUsernamePassword ?? false,
        AllowRegister: AllowRegister ?? false,
        AllowExternalIdp: AllowExternalIdp ?? false,
        ForceMfa: ForceMfa ?? false,
        ForceMfaLocalOnly: ForceMfaLocalOnly ?? false,
        PasswordlessType: PasswordlessType.Resolve(LoginPolicyEnums.PasswordlessType),
        HidePasswordReset: HidePasswordReset ?? false,
        IgnoreUnknownUsernames: IgnoreUnknownUsernames ?? false,
        AllowDomainDiscovery: AllowDomainDiscovery ?? false,
        DisableLoginWithEmail: DisableLoginWithEmail ?? false,
        DisableLoginWithPhone: DisableLoginWithPhone ?? false,
        DefaultRedirectUri: DefaultRedirectUri ?? "",
        PasswordCheckLifetime: Lifetime(PasswordCheckLifetime),
        ExternalLoginCheckLifetime: Lifetime(ExternalLoginCheckLifetime),
        MfaInitSkipLifetime: Lifetime(MfaInitSkipLifetime),
        SecondFactorCheckLifetime: Lifetime(SecondFactorCheckLifetime),
        MultiFactorCheckLifetime: Lifetime(MultiFactorCheckLifetime),
        SecondFactors: Factors(SecondFactors, LoginPolicyEnums.SecondFactorType),
        MultiFactors: Factors(MultiFactors, LoginPolicyEnums.MultiFactorType),
        Sequence: 0,
        CreationDate: default,
        ChangeDate: default);

    private static TimeSpan Lifetime(string? value) => value is null ? TimeSpan.Zero : ProtoJson.ParseDuration(value) ?? TimeSpan.Zero;

    private static IReadOnlyList<int> Factors(IReadOnlyList<EnumField>? factors, ProtoEnum type) =>
        [.. (factors ?? []).Select(factor => factor.Resolve(type)).Where(number => number != 0).Distinct()];
}

/// <summary>
/// Renames proto field names (snake_case) to their JSON names before binding <see cref="LoginPolicyInput"/>.
/// When a body names a field both ways the later one wins (protojson would refuse the duplicate).
/// </summary>
internal sealed class ProtoFieldNamesConverter : JsonConverter<AddCustomLoginPolicyBody>
{
    public override AddCustomLoginPolicyBody Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (JsonNode.Parse(ref reader) is not JsonObject fields)
        {
            throw new JsonException("the body is not a JSON object");
        }
        var renamed = new JsonObject();
        foreach (var (name, value) in fields)
        {
            renamed[ProtoJson.JsonName(name)] = value?.DeepClone();
        }
        return new AddCustomLoginPolicyBody(renamed.Deserialize<LoginPolicyInput>(options) ?? new LoginPolicyInput());
    }

    public override void Write(Utf8JsonWriter writer, AddCustomLoginPolicyBody value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Fields, options);
}

/// <summary>zitadel.v1.ObjectDetails; unset fields are left out, as protojson does.</summary>
internal sealed record ObjectDetails(
    [property: JsonPropertyName("sequence"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sequence,
    [property: JsonPropertyName("creationDate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CreationDate,
    [property: JsonPropertyName("changeDate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ChangeDate,
    [property: JsonPropertyName("resourceOwner"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResourceOwner)
{
    /// <summary>What an "add" answers: <c>DomainToAddDetailsPb</c> fills creationDate only (internal/api/grpc/object/converter.go).</summary>
    public static ObjectDetails Added(ulong sequence, DateTimeOffset at, string resourceOwner) =>
        new(ProtoJson.Counter(sequence), ProtoJson.Timestamp(at), ChangeDate: null, resourceOwner);

    /// <summary>What a "remove" or "reset" answers: <c>DomainToChangeDetailsPb</c> fills changeDate only.</summary>
    public static ObjectDetails Changed(ulong sequence, DateTimeOffset at, string resourceOwner) =>
        new(ProtoJson.Counter(sequence), CreationDate: null, ProtoJson.Timestamp(at), resourceOwner);

    public static ObjectDetails Of(ChangeDetails change) => change.IsAdd
        ? Added(change.Sequence, change.At, change.ResourceOwner)
        : Changed(change.Sequence, change.At, change.ResourceOwner);
}

/// <summary>The response of every add, remove and reset: <c>{"details": {…}}</c>.</summary>
internal sealed record DetailsResponse([property: JsonPropertyName("details")] ObjectDetails Details);

/// <summary>zitadel.v1.ListDetails.</summary>
internal sealed record ListDetails(
    [property: JsonPropertyName("totalResult"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TotalResult,
    [property: JsonPropertyName("processedSequence"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ProcessedSequence,
    [property: JsonPropertyName("viewTimestamp"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ViewTimestamp);

/// <summary>ListLoginPolicy{Second,Multi}FactorsResponse: enum names; with no factors <c>result</c> is left out.</summary>
internal sealed record ListFactorsResponse(
    [property: JsonPropertyName("details")] ListDetails Details,
    [property: JsonPropertyName("result"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Result);

/// <summary>zitadel.policy.v1.LoginPolicy, fields in proto order; false, empty and zero values are left out.</summary>
internal sealed record LoginPolicyView(
    [property: JsonPropertyName("details")] ObjectDetails Details,
    [property: JsonPropertyName("allowUsernamePassword"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool AllowUsernamePassword,
    [property: JsonPropertyName("allowRegister"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool AllowRegister,
    [property: JsonPropertyName("allowExternalIdp"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool AllowExternalIdp,
    [property: JsonPropertyName("forceMfa"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool ForceMfa,
    [property: JsonPropertyName("passwordlessType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PasswordlessType,
    [property: JsonPropertyName("isDefault"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool IsDefault,
    [property: JsonPropertyName("hidePasswordReset"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool HidePasswordReset,
    [property: JsonPropertyName("ignoreUnknownUsernames"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool IgnoreUnknownUsernames,
    [property: JsonPropertyName("defaultRedirectUri"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DefaultRedirectUri,
    [property: JsonPropertyName("passwordCheckLifetime")] string PasswordCheckLifetime,
    [property: JsonPropertyName("externalLoginCheckLifetime")] string ExternalLoginCheckLifetime,
    [property: JsonPropertyName("mfaInitSkipLifetime")] string MfaInitSkipLifetime,
    [property: JsonPropertyName("secondFactorCheckLifetime")] string SecondFactorCheckLifetime,
    [property: JsonPropertyName("multiFactorCheckLifetime")] string MultiFactorCheckLifetime,
    [property: JsonPropertyName("secondFactors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? SecondFactors,
    [property: JsonPropertyName("multiFactors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? MultiFactors,
    [property: JsonPropertyName("allowDomainDiscovery"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool AllowDomainDiscovery,
    [property: JsonPropertyName("disableLoginWithEmail"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool DisableLoginWithEmail,
    [property: JsonPropertyName("disableLoginWithPhone"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool DisableLoginWithPhone,
    [property: JsonPropertyName("forceMfaLocalOnly"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool ForceMfaLocalOnly)
{
    /// <summary>
    /// The policy as the query side returns it. Its details carry all four fields; the lifetimes are Duration
    /// messages the server always sets, so they appear even when zero (<c>0s</c>).
    /// </summary>
    public static LoginPolicyView From(LoginPolicySettings policy, string resourceOwner, bool isDefault) => new(
        Details: new ObjectDetails(
            ProtoJson.Counter(policy.Sequence), ProtoJson.Timestamp(policy.CreationDate), ProtoJson.Timestamp(policy.ChangeDate), resourceOwner),
        AllowUsernamePassword: policy.AllowUsernamePassword,
        AllowRegister: policy.AllowRegister,
        AllowExternalIdp: policy.AllowExternalIdp,
        ForceMfa: policy.ForceMfa,
        PasswordlessType: policy.PasswordlessType == 0 ? null : LoginPolicyEnums.PasswordlessType.NameOf(policy.PasswordlessType),
        IsDefault: isDefault,
        HidePasswordReset: policy.HidePasswordReset,
        IgnoreUnknownUsernames: policy.IgnoreUnknownUsernames,
        DefaultRedirectUri: policy.DefaultRedirectUri.Length == 0 ? null : policy.DefaultRedirectUri,
        PasswordCheckLifetime: ProtoJson.Duration(policy.PasswordCheckLifetime),
        ExternalLoginCheckLifetime: ProtoJson.Duration(policy.ExternalLoginCheckLifetime),
        MfaInitSkipLifetime: ProtoJson.Duration(policy.MfaInitSkipLifetime),
        SecondFactorCheckLifetime: ProtoJson.Duration(policy.SecondFactorCheckLifetime),
        MultiFactorCheckLifetime: ProtoJson.Duration(policy.MultiFactorCheckLifetime),
        SecondFactors: Names(policy.SecondFactors, LoginPolicyEnums.SecondFactorType),
        MultiFactors: Names(policy.MultiFactors, LoginPolicyEnums.MultiFactorType),
        AllowDomainDiscovery: policy.AllowDomainDiscovery,
        DisableLoginWithEmail: policy.DisableLoginWithEmail,
        DisableLoginWithPhone: policy.DisableLoginWithPhone,
        ForceMfaLocalOnly: policy.ForceMfaLocalOnly);

    /// <summary>A repeated enum field: value names, or left out (null) when empty.</summary>
    public static IReadOnlyList<string>? Names(IReadOnlyList<int> values, ProtoEnum type) =>
        values.Count == 0 ? null : values.Select(type.NameOf).ToList();
}

/// <summary>ListLoginPolicyIDPsResponse: the emulator links no IdPs, so <c>result</c> is always left out.</summary>
internal sealed record ListIdpsResponse([property: JsonPropertyName("details")] ListDetails Details);

/// <summary>Management GetLoginPolicyResponse: the org's custom policy, or the instance default with <c>isDefault: true</c>.</summary>
internal sealed record GetLoginPolicyResponse(
    [property: JsonPropertyName("policy")] LoginPolicyView Policy,
    [property: JsonPropertyName("isDefault"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool IsDefault);

/// <summary>Management GetDefaultLoginPolicyResponse and admin GetLoginPolicyResponse: <c>{"policy": …}</c> only.</summary>
internal sealed record PolicyResponse([property: JsonPropertyName("policy")] LoginPolicyView Policy);

/// <summary>The JSON metadata of the login policy's bodies and answers, generated at compile time (see JsonContracts).</summary>
[JsonSerializable(typeof(FactorBody))]
[JsonSerializable(typeof(IdpLinkBody))]
[JsonSerializable(typeof(AddCustomLoginPolicyBody))]
[JsonSerializable(typeof(DetailsResponse))]
[JsonSerializable(typeof(ListFactorsResponse))]
[JsonSerializable(typeof(ListIdpsResponse))]
[JsonSerializable(typeof(GetLoginPolicyResponse))]
[JsonSerializable(typeof(PolicyResponse))]
internal sealed partial class LoginPolicyJsonContext : JsonSerializerContext;
