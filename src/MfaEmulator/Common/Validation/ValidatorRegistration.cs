using FluentValidation;

namespace MfaEmulator.Common.Validation;

internal static class ValidatorRegistration
{
    /// <summary>
    /// Registers each validator as the singleton <c>IValidator&lt;T&gt;</c> of the request type it validates. Each API
    /// lists its own rather than the app scanning its assembly: the scan loaded every type of the app at start-up
    /// (~25 ms of the cold start). A request type whose validator is not listed still stops the start (ValidationFilter).
    /// </summary>
    public static IServiceCollection AddValidators(this IServiceCollection services, params Type[] validators)
    {
        foreach (var validator in validators)
        {
            var validates = validator.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>));
            services.AddSingleton(validates, validator);
        }
        return services;
    }
}
