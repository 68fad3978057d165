using System.Reflection;
using System.Text.Json.Serialization;
using MfaEmulator.Common.Errors;
using MfaEmulator.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using FromBodyAttribute = Microsoft.AspNetCore.Mvc.FromBodyAttribute;

namespace MfaEmulator.Tests.Emulator;

/// <summary>Bodies and answers use the JSON metadata generated at compile time, not metadata built by reflection at start-up.</summary>
public sealed class JsonContractsTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    [Fact]
    public void Every_body_answer_and_error_envelope_of_the_routes_has_generated_JSON_metadata()
    {
        var json = factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        var envelopes = factory.Services.GetRequiredService<ApiFamilies>().All.Select(f => f.Envelope(f.ForStatus(400), "request-id").GetType());

        var contracts = endpoints
            .SelectMany(e => e.Metadata.OfType<IAcceptsMetadata>().Select(a => a.RequestType)
                .Concat(e.Metadata.OfType<IProducesResponseTypeMetadata>().Select(p => p.Type)))
            .OfType<Type>()
            .Concat(envelopes)
            .Concat(endpoints.SelectMany(e => e.Metadata.OfType<MethodInfo>()).SelectMany(BodiesInAsParameters))
            .Where(t => t.Assembly == typeof(Program).Assembly || t.Namespace == "System.Text.Json.Nodes")
            .Distinct()
            .ToList();
        var reflected = contracts
            .Where(t => json.GetTypeInfo(t).OriginatingResolver is not JsonSerializerContext)
            .Select(t => t.FullName)
            .Order()
            .ToList();

        Assert.Contains(contracts, t => t.Name == "BindMfaDeviceBody");
        Assert.Contains(contracts, t => t.Name == "HuaweiErrorEnvelope");
        Assert.Contains(contracts, t => t.Name == "ZitadelErrorEnvelope");
        Assert.Contains(contracts, t => t.Name == "JsonObject"); // the state routes' document
        Assert.Empty(reflected);
    }

    /// <summary>The bodies bound through an <c>[AsParameters]</c> request (no accepts metadata names them).</summary>
    private static IEnumerable<Type> BodiesInAsParameters(MethodInfo handler) =>
        handler.GetParameters()
            .Where(p => p.GetCustomAttribute<AsParametersAttribute>() is not null)
            .SelectMany(p => p.ParameterType.GetProperties())
            .Where(p => p.GetCustomAttribute<FromBodyAttribute>() is not null)
            .Select(p => Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType);
}
