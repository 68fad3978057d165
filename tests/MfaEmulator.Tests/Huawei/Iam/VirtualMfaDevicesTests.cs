using MfaEmulator.Common.Randomness;
using MfaEmulator.Common.Store;
using MfaEmulator.Common.Totp;
using MfaEmulator.Huawei;
using MfaEmulator.Huawei.Iam;

namespace MfaEmulator.Tests.Huawei.Iam;

/// <summary>The account index of the device store as an account goes from one device to several and back to none.</summary>
public sealed class VirtualMfaDevicesTests
{
    private const string Domain = "0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d";
    private readonly VirtualMfaDevices _store = new(new CryptoRandomSource(), new ConsecutiveCodesVerifier(TimeProvider.System), NoStateChangeLog.Instance);

    private string Create(string user) => _store.Create(Domain, user, user, SerialNumbers.V3(Domain, user)).Device!.SerialNumber;

    private string[] Page(long after = 0) => [.. _store.OfDomain(Domain, afterSequence: after).Select(d => d.SerialNumber)];

    [Fact]
    public void An_accounts_devices_page_in_creation_order_from_one_to_several_and_back_to_none()
    {
        var first = Create("u1");
        Assert.Equal([first], Page());

        var second = Create("u2");
        var third = Create("u3");
        Assert.Equal([first, second, third], Page());
        Assert.Equal([third], Page(_store.Find(second)!.Sequence));

        Assert.True(_store.Delete(Domain, "u1", first).Device is not null);
        Assert.Equal([second, third], Page());

        Assert.True(_store.ResetTenant(HuaweiVendor.DomainTenant, Domain));
        Assert.Empty(Page());
        var again = Create("u1");
        Assert.Equal([again], Page());
        Assert.Empty(Page(_store.Find(again)!.Sequence));
    }
}
