using MfaEmulator.Common.Json;
using MfaEmulator.Emulator;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Huawei.Iam;

namespace MfaEmulator.Huawei.Control;

/// <summary>
/// Many accounts in one call: each an administrator with a token and, when asked, an unbound virtual MFA device, as
/// <c>POST /_emulator/huawei/users</c> and CreateMfaDevice make them one by one. For filling the emulator to the
/// size of a long CI day (bench/scale.sh) without a million HTTP calls.
/// </summary>
internal static class BulkAccountsEndpoints
{
    public const int MaxCount = 100_000;
    public const string AdminName = "bulk-admin";
    public const string DeviceName = "bulk-mfa";

    public static RouteGroupBuilder MapBulkAccounts(this RouteGroupBuilder group)
    {
        group.MapPost("/huawei/accounts/bulk", CreateAccounts)
            .WithName("CreateHuaweiAccountsInBulk")
            .WithRequestExample(new { count = 1000, device = true })
            .WithSummary($"Create up to {MaxCount} accounts, each an administrator with a token (and an unbound virtual MFA device); answers the first")
            .ProducesProblem(400);
        return group;
    }

    public static JsonCreated<BulkAccountsCreated> CreateAccounts(BulkAccountsBody body, HuaweiAccounts accounts, VirtualMfaDevices devices)
    {
        CreatedHuaweiUser? first = null;
        string? firstSerial = null;
        var admin = new CreateHuaweiUserBody(AdminName, null, null, null, Admin: true, null, null);
        for (var i = 0; i < body.Count; i++)
        {
            var created = HuaweiControlEndpoints.Provision(accounts, admin)!;
            var serial = body.Device == true ? devices.Create(created.DomainId, created.UserId, DeviceName, SerialNumbers.V3(created.DomainId, DeviceName)).Device!.SerialNumber : null;
            first ??= created;
            firstSerial ??= serial;
        }
        return JsonResults.Created((string?)null, new BulkAccountsCreated(body.Count!.Value, first!, firstSerial));
    }
}
