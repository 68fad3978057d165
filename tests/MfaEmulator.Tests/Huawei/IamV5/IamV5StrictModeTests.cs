using System.Net;
using System.Text;
using MfaEmulator.Tests.Infrastructure;
using static MfaEmulator.Tests.Infrastructure.HuaweiAssert;

namespace MfaEmulator.Tests.Huawei.IamV5;

/// <summary>--strict: the identity-policy actions (iam:mfa:enableV5 …) let a non-administrator manage only their own device.</summary>
public sealed class IamV5StrictModeTests(StrictEmulatorFactory factory) : IClassFixture<StrictEmulatorFactory>
{
    private readonly HuaweiTestApi _api = new(factory.CreateClient());

    [Fact]
    public async Task A_user_manages_their_own_device_but_gets_403_with_an_encoded_message_for_anothers()
    {
        var admin = await _api.CreateAccount();
        var alice = await _api.CreateUser(domainId: admin.DomainId);
        var bob = await _api.CreateUser(domainId: admin.DomainId);

        var own = await _api.Send(HttpMethod.Post, "/v5/virtual-mfa-devices", new { virtual_mfa_device_name = "alice", user_id = alice.UserId }, alice.Token);
        var others = await _api.Send(HttpMethod.Post, "/v5/virtual-mfa-devices", new { virtual_mfa_device_name = "bob", user_id = bob.UserId }, alice.Token);
        var byAdmin = await _api.Send(HttpMethod.Post, "/v5/virtual-mfa-devices", new { virtual_mfa_device_name = "bob", user_id = bob.UserId }, admin.Token);
        var aliceList = await (await _api.Send(HttpMethod.Get, "/v5/mfa-devices", null, alice.Token)).JsonBody();
        var aliceListsBob = await _api.Send(HttpMethod.Get, $"/v5/mfa-devices?user_id={bob.UserId}", null, alice.Token);

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var denied = await V5Error(others, HttpStatusCode.Forbidden, "PAP5.0001", "iam:mfa:createVirtualMFADeviceV5");
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(denied.Str("encoded_authorization_message")));
        Assert.Contains("iam:mfa:createVirtualMFADeviceV5", decoded, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, byAdmin.StatusCode);
        Assert.Equal([alice.UserId], aliceList.GetProperty("mfa_devices").EnumerateArray().Select(d => d.Str("user_id")));
        await V5Error(aliceListsBob, HttpStatusCode.Forbidden, "PAP5.0001", "iam:mfa:listMFADevicesV5");
    }
}
