using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;

namespace MfaEmulator.Emulator;

internal static class JsonContracts
{
    /// <summary>
    /// Puts an API's compile-time JSON metadata (a <c>JsonSerializerContext</c> beside its contracts) ahead of
    /// reflection, so binding its bodies and writing its answers builds no metadata by reflection on the first
    /// call; types no context lists (request examples, state parts) still fall back to reflection.
    /// </summary>
    public static IServiceCollection AddJsonContracts(this IServiceCollection services, IJsonTypeInfoResolver contracts) =>
        services.Configure<JsonOptions>(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, contracts));
}
