using System.Linq.Expressions;
using FluentValidation;
using MfaEmulator.Common.Validation;

namespace MfaEmulator.Zitadel.LoginPolicy;

/// <summary>
/// <c>SecondFactorType type = 1 [(validate.rules).enum = {defined_only: true, not_in: [0]}]</c>: protoc-gen-validate
/// checks <c>not_in</c> before <c>defined_only</c> and answers a plain InvalidArgument with no details. The message
/// name is the same in the management and admin packages.
/// </summary>
internal sealed class AddSecondFactorRequestValidator : AbstractValidator<AddSecondFactorRequest>
{
    public const string Message = "AddSecondFactorToLoginPolicyRequest";

    public AddSecondFactorRequestValidator()
    {
        RuleFor(r => r.Body)
            .Must(body => TypeOf(body) != 0).Invalid(ZitadelErrors.NotInListZero(Message, "Type"))
            .Must(body => LoginPolicyEnums.SecondFactorType.IsDefined(TypeOf(body))).Invalid(ZitadelErrors.NotDefined(Message, "Type"));
    }

    private static int TypeOf(SecondFactorBody? body) => (body?.Type ?? default).Resolve(LoginPolicyEnums.SecondFactorType);
}

/// <summary>
/// The path value is first read by the gateway (name or defined number, else "type mismatch"), then validated
/// like the add request's body.
/// </summary>
internal sealed class RemoveSecondFactorRequestValidator : AbstractValidator<RemoveSecondFactorRequest>
{
    public const string Message = "RemoveSecondFactorFromLoginPolicyRequest";

    public RemoveSecondFactorRequestValidator()
    {
        RuleFor(r => r.Type)
            .Must(type => LoginPolicyEnums.SecondFactorType.ParsePathValue(type) is not null)
            .As((_, type) => ZitadelErrors.InvalidArgument(ZitadelErrors.PathTypeMismatch("type", type)))
            .Must(type => LoginPolicyEnums.SecondFactorType.ParsePathValue(type) != 0)
            .Invalid(ZitadelErrors.NotInListZero(Message, "Type"));
    }
}

/// <summary>
/// AddCustomLoginPolicy in the server's order: the gateway's decoding of durations, protoc-gen-validate's
/// <c>passwordless_type</c> rule, then the command's own checks (<c>prepareAddLoginPolicy</c> in
/// internal/command/org_policy_login.go: redirect URI, second factors, multi-factors), which carry ZITADEL ids.
/// </summary>
internal sealed class AddCustomLoginPolicyRequestValidator : AbstractValidator<AddCustomLoginPolicyRequest>
{
    public const string Message = "AddCustomLoginPolicyRequest";

    public AddCustomLoginPolicyRequestValidator()
    {
        When(r => r.Body is not null, () =>
        {
            Lifetime(r => r.Body!.Fields.PasswordCheckLifetime);
            Lifetime(r => r.Body!.Fields.ExternalLoginCheckLifetime);
            Lifetime(r => r.Body!.Fields.MfaInitSkipLifetime);
            Lifetime(r => r.Body!.Fields.SecondFactorCheckLifetime);
            Lifetime(r => r.Body!.Fields.MultiFactorCheckLifetime);
            RuleFor(r => r.Body!.Fields.PasswordlessType)
                .Must(type => LoginPolicyEnums.PasswordlessType.IsDefined(type.Resolve(LoginPolicyEnums.PasswordlessType)))
                .Invalid(ZitadelErrors.NotDefined(Message, "PasswordlessType"));
            RuleFor(r => r.Body!.Fields.DefaultRedirectUri)
                .Must(uri => IsValidRedirectUri(uri))
                .As(LoginPolicyErrors.RedirectUriInvalid());
            RuleForEach(r => r.Body!.Fields.SecondFactors)
                .Must(factor => IsValidFactor(factor, LoginPolicyEnums.SecondFactorType))
                .As(LoginPolicyErrors.SecondFactorInvalid());
            RuleForEach(r => r.Body!.Fields.MultiFactors)
                .Must(factor => IsValidFactor(factor, LoginPolicyEnums.MultiFactorType))
                .As(LoginPolicyErrors.MultiFactorInvalid());
        });
    }

    private void Lifetime(Expression<Func<AddCustomLoginPolicyRequest, string?>> lifetime) =>
        RuleFor(lifetime)
            .Must(value => value is null || ProtoJson.ParseDuration(value) is not null)
            .As((_, value) => ZitadelErrors.InvalidArgument($"proto: invalid google.protobuf.Duration value \"{value}\""));

    /// <summary>
    /// <c>domain.ValidateDefaultRedirectURI</c>: empty is fine; otherwise an absolute URI, and an http(s) one
    /// needs a host (a custom scheme such as an app's <c>myapp://</c> is allowed).
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

/// <summary>protoc-gen-validate's failures: a plain InvalidArgument status with the rule's text and no details.</summary>
internal static class LoginPolicyRules
{
    public static IRuleBuilderOptions<T, TProperty> Invalid<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, string message) =>
        rule.As(ZitadelErrors.InvalidArgument(message));
}
