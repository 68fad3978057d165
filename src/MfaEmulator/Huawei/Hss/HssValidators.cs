using FluentValidation;
using MfaEmulator.Common.Validation;

namespace MfaEmulator.Huawei.Hss;

/// <summary>Limits from api-hss2.0 SetTwoFactorLoginConfig; see openapi/DEVIATIONS.md for the ones the page leaves open.</summary>
internal sealed class SetTwoFactorLoginConfigValidator : HssScopeRules<SetTwoFactorLoginConfigRequest>
{
    public const int MaxHosts = 1000;
    public const int MaxHostIdLength = 64;
    public const int MaxTopicDisplayNameLength = 192;
    public const int MaxTopicUrnLength = 256;

    public SetTwoFactorLoginConfigValidator()
        : base(r => r.ProjectId, r => r.EnterpriseProjectId)
    {
        RuleFor(r => r.Body).NotNull().Invalid("the request body is required").DependentRules(() =>
        {
            RuleFor(r => r.Body!.Enabled).NotNull().Invalid("'enabled' is required");
            RuleFor(r => r.Body!.AuthType).NotNull().Invalid("'auth_type' is required")
                .Must(t => t is "sms" or "code").As((_, type) => HssErrors.Invalid($"'auth_type' must be 'sms' or 'code', not '{type}'"));
            RuleFor(r => r.Body!.HostIdList).NotNull().Invalid("'host_id_list' is required")
                .Must(list => list!.Count is > 0 and <= MaxHosts).Invalid($"'host_id_list' must list 1 to {MaxHosts} host ids")
                // One check over the list rather than RuleForEach, whose child contexts cost every call ~600 bytes.
                .Must(list => list!.All(id => !string.IsNullOrWhiteSpace(id) && id.Length <= MaxHostIdLength))
                .Invalid($"each host id in 'host_id_list' must be 1 to {MaxHostIdLength} characters");
            // The console asks for an SMN topic only for SMS/email verification; 'code' needs none (HSS user guide).
            RuleFor(r => r.Body!.TopicDisplayName).NotEmpty().When(r => r.Body!.AuthType == "sms" && r.Body.Enabled == true)
                .Invalid("'topic_display_name' is required when auth_type is 'sms'");
            RuleFor(r => r.Body!.TopicUrn).NotEmpty().When(r => r.Body!.AuthType == "sms" && r.Body.Enabled == true)
                .Invalid("'topic_urn' is required when auth_type is 'sms'");
            RuleFor(r => r.Body!.TopicDisplayName).MaximumLength(MaxTopicDisplayNameLength)
                .Invalid($"'topic_display_name' must be at most {MaxTopicDisplayNameLength} characters");
            RuleFor(r => r.Body!.TopicUrn).MaximumLength(MaxTopicUrnLength)
                .Invalid($"'topic_urn' must be at most {MaxTopicUrnLength} characters");
        });
    }
}

internal sealed class ListTwoFactorLoginHostValidator : HssScopeRules<ListTwoFactorLoginHostRequest>
{
    public const int MaxLimit = 200;

    public ListTwoFactorLoginHostValidator()
        : base(r => r.ProjectId, r => r.EnterpriseProjectId)
    {
        RuleFor(r => r.Limit).Must(l => l is null || int.TryParse(l, out var n) && n is >= 1 and <= MaxLimit)
            .Invalid($"'limit' must be an integer from 1 to {MaxLimit}");
        RuleFor(r => r.Offset).Must(o => o is null || int.TryParse(o, out var n) && n >= 0)
            .Invalid("'offset' must be an integer of 0 or more");
        RuleFor(r => r.HostName).MaximumLength(256).Invalid("'host_name' must be at most 256 characters");
        RuleFor(r => r.DisplayName).MaximumLength(256).Invalid("'display_name' must be at most 256 characters");
    }
}

/// <summary>
/// project_id and enterprise_project_id: 1 to 256 characters on every HSS route. A base class rather than an included
/// validator, whose rules FluentValidation runs in a child context of their own on every request.
/// </summary>
internal abstract class HssScopeRules<T> : AbstractValidator<T>
{
    public const int MaxIdLength = 256;

    protected HssScopeRules(System.Linq.Expressions.Expression<Func<T, string>> projectId, System.Linq.Expressions.Expression<Func<T, string?>> enterpriseProjectId)
    {
        RuleFor(projectId).Must(id => !string.IsNullOrWhiteSpace(id) && id.Length <= MaxIdLength)
            .Invalid($"'project_id' must be 1 to {MaxIdLength} characters");
        RuleFor(enterpriseProjectId).Must(id => id is null || id.Length is > 0 and <= MaxIdLength)
            .Invalid($"'enterprise_project_id' must be 1 to {MaxIdLength} characters");
    }
}

/// <summary>HSS's validation failures are all HSS.0001 "Invalid parameter" (api-hss2.0 ErrorCode).</summary>
internal static class HssRules
{
    public static IRuleBuilderOptions<T, TProperty> Invalid<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, string message) =>
        rule.As(HssErrors.Invalid(message));
}
