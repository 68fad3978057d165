using FluentValidation;
using MfaEmulator.Common.Validation;

namespace MfaEmulator.Huawei.Iam;

/// <summary>Validation rules phrased as IAM's own errors (IAM.0072 missing, IAM.0073 invalid), for IAM v3.0 and v5.</summary>
internal static class IamRules
{
    public static IRuleBuilderOptions<T, TProperty> Required<T, TProperty>(this IRuleBuilder<T, TProperty> rule, string field) =>
        rule.NotNull().As(IamErrors.RequiredProperty(field));

    /// <summary>Present, not blank, at most <paramref name="max"/> characters.</summary>
    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule, string field, int max) =>
        rule.NotNull().As(IamErrors.RequiredProperty(field))
            .Must(v => !string.IsNullOrWhiteSpace(v) && v.Length <= max).As(IamErrors.InvalidInput(field, $"must be 1 to {max} characters"));
}
