using MfaEmulator.Common.Store;

namespace MfaEmulator.Huawei.Iam;

internal static class IamCore
{
    /// <summary>
    /// The IAM service behind IAM v3.0, Keystone and IAM v5: one device store and one login-protection store, since
    /// the three APIs are faces of one service (a device made through v3.0 is enabled through v5, and so on).
    /// </summary>
    public static IServiceCollection AddIamCore(this IServiceCollection services)
    {
        services.AddEmulatorStore<VirtualMfaDevices>();
        services.AddEmulatorStore<LoginProtectStore>();
        return services.AddSingleton<IamAccess>();
    }
}
