using System.Text.Json;
using Microsoft.OpenApi;

namespace MfaEmulator.Emulator;

/// <summary>
/// What a vendor plugs into the emulator, registered from the vendor's own folder: its APIs for the health
/// report, the security schemes its families name, the tenants a reset can name, its section of seed files
/// and its control routes. The emulator itself knows no vendor.
/// </summary>
internal interface IEmulatedVendor
{
    /// <summary>The vendor's key in seed files (<c>huawei</c>, <c>zitadel</c>).</summary>
    string Name { get; }

    IReadOnlyList<EmulatedApi> Apis { get; }

    IReadOnlyDictionary<string, OpenApiSecurityScheme> SecuritySchemes { get; }

    /// <summary>What <c>POST /_emulator/reset</c> may name, e.g. <c>{"domain_id": …}</c>.</summary>
    IReadOnlyList<string> TenantKeys { get; }

    /// <summary>Creates what the vendor's section of a seed file lists; throws <see cref="InvalidOperationException"/> naming a bad entry.</summary>
    void ApplySeed(JsonElement section, string fileName);

    void MapControlRoutes(RouteGroupBuilder emulator);
}

internal static class EmulatedVendorExtensions
{
    public static IServiceCollection AddEmulatedVendor<TVendor>(this IServiceCollection services) where TVendor : class, IEmulatedVendor =>
        services.AddSingleton<IEmulatedVendor, TVendor>();
}
