using FluentValidation;
using MfaEmulator.Common.Errors;

namespace MfaEmulator.Common.Validation;

/// <summary>
/// Runs the FluentValidation validator registered for each handler argument and answers the first failure
/// in the envelope of the family that owns the route. Handlers only ever see valid requests.
/// </summary>
internal sealed class ValidationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        foreach (var argument in context.Arguments)
        {
            if (argument is null || services.GetService(typeof(IValidator<>).MakeGenericType(argument.GetType())) is not IValidator validator)
            {
                continue;
            }
            var result = await validator.ValidateAsync(new ValidationContext<object>(argument), context.HttpContext.RequestAborted);
            if (!result.IsValid)
            {
                return ApiFamilies.ErrorWriterFor(context.HttpContext).ValidationFailed(result.Errors[0]);
            }
        }
        return await next(context);
    }
}

internal static class ValidationFilterExtensions
{
    public static TBuilder WithValidation<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new ValidationFilter());
}
