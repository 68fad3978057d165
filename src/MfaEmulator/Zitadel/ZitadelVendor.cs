using System.Text.Json;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Store;
using MfaEmulator.Common.Validation;
using MfaEmulator.Emulator;
using MfaEmulator.Zitadel.Control;
using Microsoft.OpenApi;

namespace MfaEmulator.Zitadel;

/// <summary>
/// ZITADEL as the emulator sees it: the instance, its orgs and tokens, bearer authentication and the gateway's
/// error body, plus the ZITADEL control routes and seed section. Each API (LoginPolicy) adds its routes beside it.
/// </summary>
internal sealed class ZitadelVendor(ZitadelOrgs orgs) : IEmulatedVendor
{
    public const string BearerScheme = "Bearer";

    public string Name => "zitadel";

    public IReadOnlyList<EmulatedApi> Apis { get; } =
    [
        new("ZITADEL", "Add second factor to login policy", "AddSecondFactorToLoginPolicy", "POST /management/v1/policies/login/second_factors"),
    ];

    public IReadOnlyDictionary<string, OpenApiSecurityScheme> SecuritySchemes { get; } = new Dictionary<string, OpenApiSecurityScheme>
    {
        [BearerScheme] = new()
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "ZITADEL: a personal access token (see README for the default one).",
        },
    };

    public IReadOnlyList<string> TenantKeys { get; } = [ZitadelOrgs.OrgTenant];

    public void ApplySeed(JsonElement section, string fileName) => ZitadelSeedSection.Apply(section, fileName, orgs);

    public void MapControlRoutes(RouteGroupBuilder emulator) => emulator.MapZitadelControl();
}

internal static class ZitadelVendorExtensions
{
    /// <summary>
    /// What every ZITADEL API relies on: the instance/orgs/tokens store, the family that checks bearer tokens, and
    /// the same checks and decoding for its gRPC services.
    /// </summary>
    public static IServiceCollection AddZitadel(this IServiceCollection services)
    {
        services.AddEmulatorStore<ZitadelOrgs>();
        services.AddJsonContracts(ZitadelJsonContext.Default);
        services.AddValidators(typeof(CreateZitadelOrgRequestValidator), typeof(IssueZitadelTokenRequestValidator));
        services.AddSingleton<ZitadelFamily>();
        services.AddSingleton<ApiFamily>(sp => sp.GetRequiredService<ZitadelFamily>());
        services.AddSingleton<Grpc.ZitadelGrpcAuthInterceptor>();
        services.AddSingleton<Grpc.ZitadelGrpcCalls>();
        return services.AddEmulatedVendor<ZitadelVendor>();
    }
}
