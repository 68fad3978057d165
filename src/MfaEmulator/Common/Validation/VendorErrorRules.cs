using FluentValidation;
using MfaEmulator.Common.Errors;

namespace MfaEmulator.Common.Validation;

/// <summary>
/// The one way a validation rule carries a vendor error: the whole <see cref="ApiError"/> (status, code, message)
/// rides on the failure and is answered as it is, in the envelope of the family that owns the route.
/// </summary>
internal static class VendorErrorRules
{
    public static IRuleBuilderOptions<T, TProperty> As<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, ApiError error) =>
        rule.WithMessage(error.Message).WithState(_ => error);

    /// <summary>For errors whose text quotes the request.</summary>
    public static IRuleBuilderOptions<T, TProperty> As<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, Func<T, TProperty, ApiError> error) =>
        rule.WithMessage((request, value) => error(request, value).Message).WithState((request, value) => error(request, value));
}
