using System.Text.Json;
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

    [Fact]
    public void A_state_whose_accounts_share_a_sequence_loads_and_one_that_repeats_it_in_an_account_is_refused()
    {
        const string other = "0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e";
        var seed = new byte[20];
        VirtualMfaDevice Device(string domain, string user, long sequence) => new(SerialNumbers.V3(domain, user), domain, user, user, seed, sequence);

        _store.Load(JsonSerializer.SerializeToNode(new[] { Device(Domain, "u1", 1), Device(other, "u2", 1) }))();
        var next = Create("u3");

        Assert.Equal([SerialNumbers.V3(Domain, "u1"), next], Page());
        Assert.Equal(2, _store.Find(next)!.Sequence);
        var refused = Assert.Throws<InvalidStateException>(() => _store.Load(JsonSerializer.SerializeToNode(new[] { Device(Domain, "u1", 1), Device(Domain, "u2", 1) })));
        Assert.Contains($"account/sequence {Domain}/1 appears twice", refused.Message, StringComparison.Ordinal);
    }
}
