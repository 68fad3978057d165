using System.Text.Json;
using MfaEmulator.Common.Store;
using MfaEmulator.Common.Validation;
using MfaEmulator.Emulator;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Huawei.Auth;
using MfaEmulator.Huawei.Control;
using MfaEmulator.Huawei.Hss;
using MfaEmulator.Huawei.Iam;
using Microsoft.OpenApi;

namespace MfaEmulator.Huawei;

/// <summary>
/// Huawei Cloud as the emulator sees it: accounts, credentials and the IAM core that HSS, IAM v3.0, Keystone and
/// IAM v5 share, plus the Huawei control routes and seed section. Each API adds its own routes beside it.
/// </summary>
internal sealed class HuaweiVendor(HuaweiAccounts accounts, HssStore hosts) : IEmulatedVendor
{
    public const string TokenScheme = "X-Auth-Token";
    public const string DomainTenant = "domain_id";
    public const string ProjectTenant = "project_id";

    public string Name => "huawei";

    public IReadOnlyList<EmulatedApi> Apis { get; } =
    [
        new("Huawei Cloud", "HSS two-factor login config", "SetTwoFactorLoginConfig", "PUT /v5/{project_id}/setting/two-factor-login/config"),
        new("Huawei Cloud", "IAM v3 login protection", "UpdateLoginProtect", "PUT /v3.0/OS-USER/users/{user_id}/login-protect"),
        new("Huawei Cloud", "IAM v3 bind virtual MFA device", "CreateBindingDevice", "PUT /v3.0/OS-MFA/mfa-devices/bind"),
        new("Huawei Cloud", "IAM v5 enable virtual MFA device", "EnableMfaDeviceV5", "POST /v5/mfa-devices/enable"),
    ];

    public IReadOnlyDictionary<string, OpenApiSecurityScheme> SecuritySchemes { get; } = new Dictionary<string, OpenApiSecurityScheme>
    {
        [TokenScheme] = new()
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = HuaweiAuthenticator.TokenHeader,
            Description = "Huawei Cloud: a token from POST /v3/auth/tokens or the control routes (default: MIIEmulatorAdminToken). The SDKs' SDK-HMAC-SHA256 signature works too.",
        },
    };

    public IReadOnlyList<string> TenantKeys { get; } = [DomainTenant, ProjectTenant];

    public void ApplySeed(JsonElement section, string fileName) => HuaweiSeedSection.Apply(section, fileName, accounts, hosts);

    public void MapControlRoutes(RouteGroupBuilder emulator) => emulator.MapHuaweiControl().MapDeviceCodes().MapBulkAccounts();
}

internal static class HuaweiVendorExtensions
{
    /// <summary>What every Huawei API relies on; each API's own AddX registers its routes' family and store.</summary>
    public static IServiceCollection AddHuawei(this IServiceCollection services)
    {
        services.AddEmulatorStore<HuaweiAccounts>();
        services.AddSingleton<HuaweiAuthenticator>();
        services.AddJsonContracts(HuaweiJsonContext.Default);
        services.AddValidators(typeof(CreateHuaweiUserValidator), typeof(CreateHssHostValidator), typeof(CodesRequestValidator), typeof(BulkAccountsValidator));
        services.AddIamCore();
        return services.AddEmulatedVendor<HuaweiVendor>();
    }
}
