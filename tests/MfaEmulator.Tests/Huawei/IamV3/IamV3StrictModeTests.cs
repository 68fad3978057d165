using System.Net;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Tests.Infrastructure;
using static MfaEmulator.Tests.Infrastructure.HuaweiAssert;

namespace MfaEmulator.Tests.Huawei.IamV3;

/// <summary>--strict: only issued credentials, self-service create/bind, and the login-protection rules of iam_08_0021.</summary>
public sealed class IamV3StrictModeTests(StrictEmulatorFactory factory) : IClassFixture<StrictEmulatorFactory>
{
    private readonly HuaweiTestApi _api = new(factory.CreateClient());

    [Fact]
    public async Task An_unknown_token_is_refused()
    {
        var response = await _api.Send(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, "MIInotIssued");

        await GatewayError(response, HttpStatusCode.Unauthorized, "APIGW.0301", "decrypt token fail");
    }

    [Fact]
    public async Task The_documented_administrator_token_works()
    {
        var response = await _api.Send(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, DefaultHuaweiAccount.AdminToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_administrator_creates_a_users_device_but_only_the_user_binds_it()
    {
        var admin = await _api.CreateAccount();
        var user = await _api.CreateUser(domainId: admin.DomainId);
        var colleague = await _api.CreateUser(domainId: admin.DomainId);

        var serial = await _api.CreateV3Device(admin, user.UserId);
        var createByColleague = await _api.Send(HttpMethod.Post, "/v3.0/OS-MFA/virtual-mfa-devices",
            new { virtual_mfa_device = new { name = "other", user_id = user.UserId }, }, colleague.Token);
        var codes = await _api.Codes(serial);
        var bindByAdmin = await _api.BindV3(admin, user.UserId, serial, codes.Previous, codes.Current);
        var bindBySelf = await _api.BindV3(user, user.UserId, serial, codes.Previous, codes.Current);

        await IamError(createByColleague, HttpStatusCode.Forbidden, "IAM.0002", "createVirtualMFADevice");
        await IamError(bindByAdmin, HttpStatusCode.Forbidden, "IAM.0002", "only the user");
        Assert.Equal(HttpStatusCode.NoContent, bindBySelf.StatusCode);
    }

    [Fact]
    public async Task An_administrator_changes_others_login_protection_but_not_their_own_and_users_only_their_own()
    {
        var admin = await _api.CreateAccount();
        var user = await _api.CreateUser(domainId: admin.DomainId);
        var other = await _api.CreateUser(domainId: admin.DomainId);

        var adminOther = await _api.SetLoginProtect(admin, user.UserId, true, "vmfa");
        var adminSelf = await _api.SetLoginProtect(admin, admin.UserId, true, "vmfa");
        var userSelf = await _api.SetLoginProtect(user, user.UserId, false, "vmfa");
        var userOther = await _api.SetLoginProtect(user, other.UserId, true, "vmfa");
        var userList = await _api.Send(HttpMethod.Get, "/v3.0/OS-USER/login-protects", null, user.Token);

        Assert.Equal(HttpStatusCode.OK, adminOther.StatusCode);
        await IamError(adminSelf, HttpStatusCode.Forbidden, "IAM.0002", "cannot change their own");
        Assert.Equal(HttpStatusCode.OK, userSelf.StatusCode);
        await IamError(userOther, HttpStatusCode.Forbidden, "IAM.0002", "updateLoginProtect");
        await IamError(userList, HttpStatusCode.Forbidden, "IAM.0002", "listLoginProtects");
    }

    [Fact]
    public async Task An_AK_SK_signature_must_verify_against_the_users_secret_key()
    {
        var user = await _api.CreateUser();

        var good = await _api.Client.SendAsync(await HttpExtensions.Json(HttpMethod.Get, $"/v3.0/OS-MFA/users/{user.UserId}/virtual-mfa-device", null, token: null)
            .SignAsync(user.AccessKey, user.SecretKey, DateTimeOffset.UtcNow));
        var wrongKey = await _api.Client.SendAsync(await HttpExtensions.Json(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, token: null)
            .SignAsync(user.AccessKey, "not-the-secret", DateTimeOffset.UtcNow));
        var unknownKey = await _api.Client.SendAsync(await HttpExtensions.Json(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, token: null)
            .SignAsync("UNKNOWNACCESSKEY0000", user.SecretKey, DateTimeOffset.UtcNow));
        var stale = await _api.Client.SendAsync(await HttpExtensions.Json(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, token: null)
            .SignAsync(user.AccessKey, user.SecretKey, DateTimeOffset.UtcNow.AddMinutes(-16)));

        await IamError(good, HttpStatusCode.NotFound, "IAM.0004", "virtual MFA device of user");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal("APIGW.0301", (await wrongKey.JsonBody()).Str("error_code"));
        Assert.Matches("^Incorrect IAM authentication information: ak \\S+ not exist$", (await unknownKey.JsonBody()).Str("error_msg"));
        Assert.Contains("15 minutes", (await stale.JsonBody()).Str("error_msg"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_with_escaped_characters_verifies_as_the_SDKs_sign_it()
    {
        var user = await _api.CreateUser();

        var response = await _api.Client.SendAsync(await HttpExtensions.Json(HttpMethod.Get, "/v3.0/OS-USER/users/ab%5Bc/login-protect", null, token: null)
            .SignAsync(user.AccessKey, user.SecretKey, DateTimeOffset.UtcNow));

        await IamError(response, HttpStatusCode.NotFound, "IAM.0004", "Could not find user: ab[c");
    }

    [Fact]
    public async Task Moving_the_emulator_clock_does_not_make_real_time_signatures_stale()
    {
        var user = await _api.CreateUser(name: "clock-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.True(factory.Clock.TryAdvance(TimeSpan.FromHours(2)));
        try
        {
            var response = await _api.Client.SendAsync(await HttpExtensions.Json(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, token: null)
                .SignAsync(user.AccessKey, user.SecretKey, DateTimeOffset.UtcNow));

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode); // verified; a non-administrator may not list
        }
        finally
        {
            Assert.True(factory.Clock.TryAdvance(TimeSpan.FromHours(-2)));
        }
    }

    [Fact]
    public async Task A_user_reads_their_own_device_and_protection_but_not_another_users()
    {
        var admin = await _api.CreateAccount();
        var alice = await _api.CreateUser(domainId: admin.DomainId);
        var bob = await _api.CreateUser(domainId: admin.DomainId);
        await _api.CreateV3Device(bob, bob.UserId);

        var own = await _api.Send(HttpMethod.Get, $"/v3.0/OS-USER/users/{alice.UserId}/login-protect", null, alice.Token);
        var othersDevice = await _api.Send(HttpMethod.Get, $"/v3.0/OS-MFA/users/{bob.UserId}/virtual-mfa-device", null, alice.Token);
        var othersProtect = await _api.Send(HttpMethod.Get, $"/v3.0/OS-USER/users/{bob.UserId}/login-protect", null, alice.Token);
        var byAdmin = await _api.Send(HttpMethod.Get, $"/v3.0/OS-MFA/users/{bob.UserId}/virtual-mfa-device", null, admin.Token);

        await IamError(own, HttpStatusCode.NotFound, "IAM.0004", "login protect of user");
        await IamError(othersDevice, HttpStatusCode.Forbidden, "IAM.0002", "getVirtualMFADevice");
        await IamError(othersProtect, HttpStatusCode.Forbidden, "IAM.0002", "getLoginProtect");
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var user = await _api.CreateUser(name: "expiring-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.True(factory.Clock.TryAdvance(TimeSpan.FromHours(25)));
        try
        {
            var response = await _api.Send(HttpMethod.Get, $"/v3.0/OS-USER/users/{user.UserId}/login-protect", null, user.Token);

            await GatewayError(response, HttpStatusCode.Unauthorized, "APIGW.0307", "token expires");
        }
        finally
        {
            Assert.True(factory.Clock.TryAdvance(TimeSpan.FromHours(-25)));
        }
    }
}
