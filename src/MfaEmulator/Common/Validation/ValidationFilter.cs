using System.Reflection;
using FluentValidation;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Warmup;

namespace MfaEmulator.Common.Validation;

/// <summary>
/// Runs the FluentValidation validator of each request argument and answers the first failure in the envelope
/// of the family that owns the route, so handlers only ever see valid requests. Which arguments to validate is
/// decided once per endpoint, when the endpoint is built at start-up; a request type without a validator stops
/// the start instead of reaching a handler unchecked.
/// </summary>
internal static class ValidationFilter
{
    public static TBuilder WithValidation<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory(Create);

    private static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var validators = ValidatorsOf(context.MethodInfo, context.ApplicationServices);
        if (validators.Count == 0)
        {
            return next;
        }
        return invocation =>
        {
            foreach (var (index, checker) in validators)
            {
                if (invocation.Arguments[index] is not { } argument)
                {
                    continue;
                }
                // Synchronously: no rule of this app is async (FluentValidation throws if one ever is), and the async
                // path cost a state machine per rule on every request (HSS PUT under wrk: 55.6 → 44.8 µs of CPU).
                var (validator, contextOf) = checker.Value;
                var result = validator.Validate(contextOf(argument));
                if (!result.IsValid)
                {
                    var failure = result.Errors[0];
                    return ValueTask.FromResult<object?>(failure.CustomState as ApiError ?? ApiFamilies.For(invocation.HttpContext).MalformedBody(null, failure.ErrorMessage));
                }
            }
            return next(invocation);
        };
    }

    /// <summary>
    /// Every parameter whose type is one of the app's request types, with its validator and a maker of its validation
    /// context. That each has a validator is checked now; both are made later, on the endpoint's first call or once the
    /// host is idle (<see cref="DeferredBuilds"/>), whichever comes first: building every validator's rules before the
    /// first answer made it 140 ms slower (591 against 449 ms, bench/results/load.md). The context is of the request's
    /// own type: given a context of another, FluentValidation makes a second one (a message formatter, a failure list
    /// and two dictionaries more per request).
    /// </summary>
    public static IReadOnlyList<(int Index, Lazy<(IValidator Validator, Func<object, IValidationContext> ContextOf)> Checker)> ValidatorsOf(MethodInfo handler, IServiceProvider services)
    {
        var isService = services.GetRequiredService<IServiceProviderIsService>();
        var found = new List<(int, Lazy<(IValidator, Func<object, IValidationContext>)>)>();
        var parameters = handler.GetParameters();
        for (var index = 0; index < parameters.Length; index++)
        {
            var type = parameters[index].ParameterType;
            if (!IsRequestType(type, isService))
            {
                continue;
            }
            var validatorType = typeof(IValidator<>).MakeGenericType(type);
            if (!isService.IsService(validatorType))
            {
                throw new InvalidOperationException(
                    $"{handler.DeclaringType?.Name}.{handler.Name} takes a {type.Name}, which has no validator: add an AbstractValidator<{type.Name}> so bad input gets the vendor's 400.");
            }
            var checker = new Lazy<(IValidator, Func<object, IValidationContext>)>(() => (
                (IValidator)services.GetRequiredService(validatorType),
                typeof(ValidationFilter).GetMethod(nameof(ContextOf), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(type).CreateDelegate<Func<object, IValidationContext>>()));
            services.GetService<DeferredBuilds>()?.Add(checker);
            found.Add((index, checker));
        }
        return found;
    }

    private static ValidationContext<TRequest> ContextOf<TRequest>(object request) => new ValidationContext<TRequest>((TRequest)request);

    /// <summary>A type of this app bound from the request (body, query, route), as opposed to a service or a bound caller.</summary>
    private static bool IsRequestType(Type type, IServiceProviderIsService isService) =>
        type.Assembly == typeof(ValidationFilter).Assembly
        && type.IsClass
        && !isService.IsService(type)
        && type.GetMethod("BindAsync", BindingFlags.Public | BindingFlags.Static) is null;
}
