using FluentValidation;
using MfaEmulator.Common.Validation;
using MfaEmulator.Emulator;
using MfaEmulator.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MfaEmulator.Tests.Common;

/// <summary>A request type without a validator is found at start-up, never as a 500 on the first bad request.</summary>
public sealed class ValidationFilterTests
{
    [Fact]
    public async Task An_endpoint_whose_request_type_has_no_validator_stops_the_start_and_names_the_type()
    {
        await using var app = AppWithEveryValidator();
        // ClockView is an app type the emulator only ever writes, so nothing validates it as a request.
        app.MapPost("/unvalidated", (ClockView view) => Results.Ok(view)).WithValidation();

        var error = Assert.Throws<InvalidOperationException>(() => app.BuildEndpoints());

        Assert.Contains("ClockView", error.Message, StringComparison.Ordinal);
        Assert.Contains("no validator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_whose_request_types_all_have_validators_builds()
    {
        await using var app = AppWithEveryValidator();
        app.MapPost("/validated", (AdvanceBody body) => Results.Ok(body)).WithValidation();

        app.BuildEndpoints();

        Assert.Single(((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints));
    }

    [Fact]
    public void Every_validator_of_the_app_is_registered_by_the_API_it_belongs_to()
    {
        // Each API lists its validators (AddValidators) instead of the app scanning its assembly at start-up.
        using var emulator = new EmulatorFactory();
        var services = emulator.Services.GetRequiredService<IServiceProviderIsService>();
        var validated = typeof(EmulatorFamily).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Distinct()
            .ToList();

        var unregistered = validated.Where(v => !services.IsService(v)).Select(v => v.GenericTypeArguments[0].Name).ToList();

        Assert.True(validated.Count > 30, $"found only {validated.Count} validators");
        Assert.Empty(unregistered);
    }

    private static WebApplication AppWithEveryValidator()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddValidatorsFromAssemblyContaining<EmulatorFamily>(ServiceLifetime.Singleton, includeInternalTypes: true);
        builder.Services.AddSingleton<IEnumerable<IEmulatedVendor>>([]);
        return builder.Build();
    }
}
