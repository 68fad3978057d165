using System.Reflection;
using System.Text.Json.Serialization;
using MfaEmulator.Common.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MfaEmulator.Emulator;

internal sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("strict")] bool Strict,
    [property: JsonPropertyName("addresses")] IReadOnlyList<string> Addresses,
    [property: JsonPropertyName("grpc_addresses")] IReadOnlyList<string> GrpcAddresses,
    [property: JsonPropertyName("apis")] IReadOnlyList<EmulatedApi> Apis);

/// <summary>An emulated API as its vendor documents it, for the health report.</summary>
internal sealed record EmulatedApi(
    [property: JsonPropertyName("vendor")] string Vendor,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("operation")] string Operation,
    [property: JsonPropertyName("route")] string Route);

internal static class HealthEndpoints
{
    public static readonly string Version =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The main addresses (REST, gRPC-web, Swagger) apart from the native gRPC ones.</summary>
    public static JsonOk<HealthReport> GetHealth(EmulatorOptions options, IServer server, ListenEndpoints endpoints, IEnumerable<IEmulatedVendor> vendors) =>
        JsonResults.Ok(new HealthReport("ok", Version, options.Strict, endpoints.MainAddresses(server), endpoints.GrpcAddresses, [.. vendors.SelectMany(v => v.Apis)]));

    public static IReadOnlyList<string> BoundAddresses(IServer server) =>
        [.. server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []];
}
