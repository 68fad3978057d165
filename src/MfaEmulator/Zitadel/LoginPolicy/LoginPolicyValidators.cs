using FluentValidation;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Validation;

namespace MfaEmulator.Zitadel.LoginPolicy;

/// <summary>
/// <c>type = 1 [(validate.rules).enum = {defined_only: true, not_in: [0]}]</c> on the add requests of both factor
/// kinds: protoc-gen-validate checks <c>not_in</c> before <c>defined_only</c> and answers a plain InvalidArgument with
/// no details. The message names are the same in the management and admin packages.
/// </summary>
internal abstract class FactorTypeValidator<T> : AbstractValidator<T>
{
    protected FactorTypeValidator(string message, ProtoEnum type, Func<T, FactorBody?> body)
    {
        Func<T, int> typeOf = request => (body(request)?.Type ?? default).Resolve(type);
        RuleFor(request => typeOf(request))
            .Must(number => number != 0).OverridePropertyName("type").Invalid(ZitadelErrors.NotInListZero(message, "Type"))
            .Must(type.IsDefined).Invalid(ZitadelErrors.NotDefined(message, "Type"));
    }
}

internal sealed class AddSecondFactorRequestValidator()
    : FactorTypeValidator<AddSecondFactorRequest>("AddSecondFactorToLoginPolicyRequest", LoginPolicyEnums.SecondFactorType, r => r.Body);

internal sealed class AddMultiFactorRequestValidator()
    : FactorTypeValidator<AddMultiFactorRequest>("AddMultiFactorToLoginPolicyRequest", LoginPolicyEnums.MultiFactorType, r => r.Body);

/// <summary>
/// The remove requests: the path value is first read by the gateway (name or defined number, else "type
/// mismatch"), then validated like the add request's body.
/// </summary>
internal abstract class FactorPathValidator<T> : AbstractValidator<T>
{
    protected FactorPathValidator(string message, ProtoEnum type, Func<T, string> path)
    {
        RuleFor(request => path(request))
            .Must(value => type.ParsePathValue(value) is not null).OverridePropertyName("type")
            .As((_, value) => ZitadelErrors.InvalidArgument(ZitadelErrors.PathTypeMismatch("type", value)))
            .Must(value => type.ParsePathValue(value) != 0)
            .Invalid(ZitadelErrors.NotInListZero(message, "Type"));
    }
}

internal sealed class RemoveSecondFactorRequestValidator()
    : FactorPathValidator<RemoveSecondFactorRequest>(Message, LoginPolicyEnums.SecondFactorType, r => r.Type)
{
    public const string Message = "RemoveSecondFactorFromLoginPolicyRequest";
}

internal sealed class RemoveMultiFactorRequestValidator()
    : FactorPathValidator<RemoveMultiFactorRequest>(Message, LoginPolicyEnums.MultiFactorType, r => r.Type)
{
    public const string Message = "RemoveMultiFactorFromLoginPolicyRequest";
}

/// <summary>
/// A policy's settings in the server's order: the gateway's decoding of durations, protoc-gen-validate's
/// <c>passwordless_type</c> rule, then the command's own checks, which carry ZITADEL ids: the redirect URI (its id
/// differs per command) and, where the request lists them, the factors (<c>prepareAddLoginPolicy</c>).
/// </summary>
internal abstract class LoginPolicySettingsValidator<T> : AbstractValidator<T>
{
    private static readonly LoginPolicyInput Unset = new();
    private static readonly IReadOnlyList<EnumField> NoFactors = [];

    protected LoginPolicySettingsValidator(string message, Func<T, AddCustomLoginPolicyBody?> body, ApiError redirectUriInvalid, bool withFactors)
    {
        Func<T, LoginPolicyInput> fields = request => body(request)?.Fields ?? Unset;
        foreach (var lifetime in new Func<LoginPolicyInput, string?>[]
        {
            f => f.PasswordCheckLifetime, f => f.ExternalLoginCheckLifetime, f => f.MfaInitSkipLifetime,
            f => f.SecondFactorCheckLifetime, f => f.MultiFactorCheckLifetime,
        })
        {
            RuleFor(request => lifetime(fields(request)))
                .Must(value => value is null || ProtoJson.ParseDuration(value) is not null).OverridePropertyName("lifetime")
                .As((_, value) => ZitadelErrors.InvalidArgument($"proto: invalid google.protobuf.Duration value \"{value}\""));
        }
        RuleFor(request => fields(request).PasswordlessType)
            .Must(type => LoginPolicyEnums.PasswordlessType.IsDefined(type.Resolve(LoginPolicyEnums.PasswordlessType))).OverridePropertyName("passwordlessType")
            .Invalid(ZitadelErrors.NotDefined(message, "PasswordlessType"));
        RuleFor(request => fields(request).DefaultRedirectUri)
            .Must(IsValidRedirectUri).OverridePropertyName("defaultRedirectUri")
            .As(redirectUriInvalid);
        if (withFactors)
        {
            RuleForEach(request => fields(request).SecondFactors ?? NoFactors)
                .Must(factor => IsValidFactor(factor, LoginPolicyEnums.SecondFactorType)).OverridePropertyName("secondFactors")
                .As(LoginPolicyErrors.SecondFactorInvalid());
            RuleForEach(request => fields(request).MultiFactors ?? NoFactors)
                .Must(factor => IsValidFactor(factor, LoginPolicyEnums.MultiFactorType)).OverridePropertyName("multiFactors")
                .As(LoginPolicyErrors.MultiFactorInvalid());
        }
    }

    /// <summary>
    /// <c>domain.ValidateDefaultRedirectURI</c> (Go's <c>url.Parse</c>): empty is fine; otherwise a URI with a
    /// scheme, and an http(s) one needs a host. <c>localhost:8080</c>, the Terraform examples' value, parses with
    /// the scheme <c>localhost</c> and is accepted, as ZITADEL accepts it.
    /// </summary>
    private static bool IsValidRedirectUri(string? uri)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return true;
        }
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            return false;
        }
        return parsed.Scheme is not ("http" or "https") || parsed.Host.Length > 0;
    }

    /// <summary>
    /// A listed factor must be a defined, non-zero value. An unknown name never gets here as a value: the
    /// decoder dropped it (DiscardUnknown), so it is skipped, not refused.
    /// </summary>
    private static bool IsValidFactor(EnumField factor, ProtoEnum type)
    {
        if (factor.Number is null && factor.Name is { } name && type.NumberOf(name) is null)
        {
            return true;
        }
        var number = factor.Resolve(type);
        return number != 0 && type.IsDefined(number);
    }
}

internal sealed class AddCustomLoginPolicyRequestValidator() : LoginPolicySettingsValidator<AddCustomLoginPolicyRequest>(
    "AddCustomLoginPolicyRequest", r => r.Body, LoginPolicyErrors.RedirectUriInvalid(), withFactors: true);

internal sealed class UpdateCustomLoginPolicyRequestValidator() : LoginPolicySettingsValidator<UpdateCustomLoginPolicyRequest>(
    "UpdateCustomLoginPolicyRequest", r => r.Body, LoginPolicyErrors.UpdateRedirectUriInvalid(), withFactors: false);

internal sealed class UpdateDefaultLoginPolicyRequestValidator() : LoginPolicySettingsValidator<UpdateDefaultLoginPolicyRequest>(
    "UpdateLoginPolicyRequest", r => r.Body, LoginPolicyErrors.InstanceRedirectUriInvalid(), withFactors: false);

/// <summary>
/// AddIDPToLoginPolicyRequest: <c>idp_id</c> 1 to 200 runes, and for an org <c>ownerType</c> defined and not 0
/// (protoc-gen-validate, before the command).
/// </summary>
internal abstract class IdpLinkValidator<T> : AbstractValidator<T>
{
    protected IdpLinkValidator(string message, Func<T, IdpLinkBody?> body, bool withOwnerType)
    {
        Func<T, string> idpId = request => body(request)?.IdpId ?? "";
        RuleFor(request => idpId(request)).IdpIdLength(message);
        if (withOwnerType)
        {
            Func<T, int> ownerOf = request => (body(request)?.OwnerType ?? default).Resolve(LoginPolicyEnums.IdpOwnerType);
            RuleFor(request => ownerOf(request))
                .Must(owner => owner != 0).Invalid(ZitadelErrors.NotInListZero(message, "OwnerType")).OverridePropertyName("ownerType")
                .Must(owner => LoginPolicyEnums.IdpOwnerType.IsDefined(owner)).Invalid(ZitadelErrors.NotDefined(message, "OwnerType"));
        }
    }
}

internal sealed class AddIdpRequestValidator() : IdpLinkValidator<AddIdpRequest>("AddIDPToLoginPolicyRequest", r => r.Body, withOwnerType: true);

internal sealed class AddDefaultIdpRequestValidator() : IdpLinkValidator<AddDefaultIdpRequest>("AddIDPToLoginPolicyRequest", r => r.Body, withOwnerType: false);

internal sealed class RemoveIdpRequestValidator : AbstractValidator<RemoveIdpRequest>
{
    public RemoveIdpRequestValidator()
    {
        RuleFor(r => r.IdpId).IdpIdLength("RemoveIDPFromLoginPolicyRequest");
    }
}

/// <summary>protoc-gen-validate's failures: a plain InvalidArgument status with the rule's text and no details.</summary>
internal static class LoginPolicyRules
{
    public static IRuleBuilderOptions<T, TProperty> Invalid<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, string message) =>
        rule.As(ZitadelErrors.InvalidArgument(message));

    /// <summary><c>idp_id</c>'s <c>min_len: 1, max_len: 200</c> (in runes), on the add and remove requests alike.</summary>
    public static IRuleBuilderOptions<T, string> IdpIdLength<T>(this IRuleBuilderInitial<T, string> rule, string message) =>
        rule.Must(id => id.EnumerateRunes().Count() is >= 1 and <= 200).OverridePropertyName("idpId")
            .Invalid($"invalid {message}.IdpId: value length must be between 1 and 200 runes, inclusive");
}
