namespace MfaEmulator.Huawei.Accounts;

/// <summary>
/// The account every fresh emulator starts with, and whose administrator a lenient-mode caller with an
/// unknown but well-formed token or AK/SK becomes. Documented in README.md; fixed so tests can rely on it.
/// </summary>
internal static class DefaultHuaweiAccount
{
    public const string DomainId = "0d5f3c2e9b7d4e1f8c6a2b4d6e8f0a12";
    public const string DomainName = "emulator";
    public const string AdminId = "0a5f3c2e9b7d4e1f8c6a2b4d6e8f0a34";
    public const string AdminName = "admin";
    public const string AdminPassword = "Emulator@2026";
    public const string AdminAccessKey = "HPUAEMULATORADMIN0001";
    public const string AdminSecretKey = "EmulatorAdminSecretKey0000000000000000001";
    public const string AdminToken = "MIIEmulatorAdminToken";

    public static HuaweiDomain Domain => new(DomainId, DomainName);

    public static HuaweiUser Admin => new(AdminId, DomainId, AdminName, AdminPassword, Email: null, Mobile: null, IsAdmin: true, AdminAccessKey, AdminSecretKey);
}
