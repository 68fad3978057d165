using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MfaEmulator.Emulator;

internal sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("strict")] bool Strict,
    [property: JsonPropertyName("addresses")] IReadOnlyList<string> Addresses,
    [property: JsonPropertyName("apis")] IReadOnlyList<EmulatedApi> Apis);

internal sealed record EmulatedApi(
    [property: JsonPropertyName("vendor")] string Vendor,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("operation")] string Operation,
    [property: JsonPropertyName("route")] string Route);

internal static class HealthEndpoints
{
    /// <summary>The five emulated APIs of the product brief, as their vendors document them.</summary>
    public static readonly IReadOnlyList<EmulatedApi> Apis =
    [
        new("Huawei Cloud", "HSS two-factor login config", "SetTwoFactorLoginConfig", "PUT /v5/{project_id}/setting/two-factor-login/config"),
        new("Huawei Cloud", "IAM v3 login protection", "UpdateLoginProtect", "PUT /v3.0/OS-USER/users/{user_id}/login-protect"),
        new("Huawei Cloud", "IAM v3 bind virtual MFA device", "CreateBindingDevice", "PUT /v3.0/OS-MFA/mfa-devices/bind"),
        new("Huawei Cloud", "IAM v5 enable virtual MFA device", "EnableMfaDeviceV5", "POST /v5/mfa-devices/enable"),
        new("ZITADEL", "Add second factor to login policy", "AddSecondFactorToLoginPolicy", "POST /management/v1/policies/login/second_factors"),
    ];

    public static readonly string Version =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static Ok<HealthReport> GetHealth(EmulatorOptions options, IServer server) =>
        TypedResults.Ok(new HealthReport("ok", Version, options.Strict, BoundAddresses(server), Apis));

    public static IReadOnlyList<string> BoundAddresses(IServer server) =>
        [.. server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []];
}
