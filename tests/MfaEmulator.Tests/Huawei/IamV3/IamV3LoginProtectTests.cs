using System.Net;
using MfaEmulator.Tests.Infrastructure;
using static MfaEmulator.Tests.Infrastructure.HuaweiAssert;

namespace MfaEmulator.Tests.Huawei.IamV3;

/// <summary>OS-USER login protection (seed 001), in lenient mode.</summary>
public sealed class IamV3LoginProtectTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    private readonly HuaweiTestApi _api = new(factory.CreateClient());

    [Fact]
    public async Task The_seed_example_enables_vmfa_for_a_user_without_a_device_and_echoes_the_user_id()
    {
        var admin = await _api.CreateAccount();
        var user = await _api.CreateUser(domainId: admin.DomainId);

        var response = await _api.Send(HttpMethod.Put, $"/v3.0/OS-USER/users/{user.UserId}/login-protect",
            """{ "login_protect" : { "enabled" : true, "verification_method" : "vmfa" } }""", admin.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echoed = (await response.JsonBody()).GetProperty("login_protect");
        Assert.Equal(user.UserId, echoed.Str("user_id"));
        Assert.True(echoed.GetProperty("enabled").GetBoolean());
        Assert.Equal("vmfa", echoed.Str("verification_method"));
        var shown = (await (await _api.Send(HttpMethod.Get, $"/v3.0/OS-USER/users/{user.UserId}/login-protect", null, admin.Token)).JsonBody()).GetProperty("login_protect");
        Assert.Equal(echoed.ToString(), shown.ToString());
    }

    [Fact]
    public async Task A_user_who_never_configured_login_protection_is_not_found_and_not_listed()
    {
        var admin = await _api.CreateAccount();
        var configured = await _api.CreateUser(domainId: admin.DomainId);
        var never = await _api.CreateUser(domainId: admin.DomainId);
        await _api.SetLoginProtect(admin, configured.UserId, false, "vmfa");

        var shown = await _api.Send(HttpMethod.Get, $"/v3.0/OS-USER/users/{never.UserId}/login-protect", null, admin.Token);
        var list = await (await _api.Send(HttpMethod.Get, "/v3.0/OS-USER/login-protects", null, admin.Token)).JsonBody();

        await IamError(shown, HttpStatusCode.NotFound, "IAM.0004", never.UserId);
        var entry = Assert.Single(list.GetProperty("login_protects").EnumerateArray());
        Assert.Equal(configured.UserId, entry.Str("user_id"));
        Assert.False(entry.GetProperty("enabled").GetBoolean());
    }

    [Theory]
    [InlineData("""{"login_protect":{"enabled":true,"verification_method":"totp"}}""", "IAM.0073", "'totp' is not one of sms, email, vmfa")]
    [InlineData("""{"login_protect":{"enabled":true}}""", "IAM.0072", "'verification_method' is a required property.")]
    [InlineData("""{"login_protect":{"verification_method":"vmfa"}}""", "IAM.0072", "'enabled' is a required property.")]
    [InlineData("""{}""", "IAM.0072", "'login_protect' is a required property.")]
    [InlineData("""{"login_protect":{"enabled":"yes","verification_method":"vmfa"}}""", "IAM.0073", "'login_protect.enabled'")]
    [InlineData("""{"login_protect":""", "IAM.0011", "Request body is invalid")]
    public async Task Bad_login_protect_bodies_get_IAM_validation_codes(string body, string code, string message)
    {
        var admin = await _api.CreateAccount();

        var response = await _api.Send(HttpMethod.Put, $"/v3.0/OS-USER/users/{admin.UserId}/login-protect", body, admin.Token);

        await IamError(response, HttpStatusCode.BadRequest, code, message);
        await IamError(await _api.Send(HttpMethod.Get, $"/v3.0/OS-USER/users/{admin.UserId}/login-protect", null, admin.Token),
            HttpStatusCode.NotFound, "IAM.0004", admin.UserId);
    }

    [Fact]
    public async Task An_unknown_user_is_not_found()
    {
        var admin = await _api.CreateAccount();

        var response = await _api.SetLoginProtect(admin, "0123456789abcdef0123456789abcdef", true, "vmfa");

        await IamError(response, HttpStatusCode.NotFound, "IAM.0004", "Could not find user: 0123456789abcdef0123456789abcdef");
    }

    [Fact]
    public async Task Sms_and_email_need_a_mobile_number_and_an_email_address()
    {
        var admin = await _api.CreateAccount();
        var bare = await _api.CreateUser(domainId: admin.DomainId);
        var reachable = await _api.CreateUser(domainId: admin.DomainId, mobile: "+86-13800000000", email: "u@example.com");

        var smsBare = await _api.SetLoginProtect(admin, bare.UserId, true, "sms");
        var emailBare = await _api.SetLoginProtect(admin, bare.UserId, true, "email");
        var smsReachable = await _api.SetLoginProtect(admin, reachable.UserId, true, "sms");
        var emailReachable = await _api.SetLoginProtect(admin, reachable.UserId, true, "email");
        var disablingBare = await _api.SetLoginProtect(admin, bare.UserId, false, "sms");

        await IamError(smsBare, HttpStatusCode.BadRequest, "IAM.0007", "has no mobile number");
        await IamError(emailBare, HttpStatusCode.BadRequest, "IAM.0007", "has no email address");
        Assert.Equal(HttpStatusCode.OK, smsReachable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, emailReachable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, disablingBare.StatusCode);
    }

    [Fact]
    public async Task An_over_long_user_id_in_the_path_is_an_invalid_parameter()
    {
        var response = await _api.SetLoginProtect(await _api.CreateAccount(), new string('u', 65), true, "vmfa");

        await IamError(response, HttpStatusCode.BadRequest, "IAM.0007", "user_id");
    }

    [Fact]
    public async Task Another_accounts_user_is_invisible()
    {
        var adminA = await _api.CreateAccount();
        var adminB = await _api.CreateAccount();
        await _api.SetLoginProtect(adminA, adminA.UserId, true, "vmfa");

        var fromB = await _api.SetLoginProtect(adminB, adminA.UserId, false, "vmfa");
        var listB = await (await _api.Send(HttpMethod.Get, "/v3.0/OS-USER/login-protects", null, adminB.Token)).JsonBody();

        await IamError(fromB, HttpStatusCode.NotFound, "IAM.0004", adminA.UserId);
        Assert.Equal(0, listB.GetProperty("login_protects").GetArrayLength());
        var stillA = (await (await _api.Send(HttpMethod.Get, $"/v3.0/OS-USER/users/{adminA.UserId}/login-protect", null, adminA.Token)).JsonBody()).GetProperty("login_protect");
        Assert.True(stillA.GetProperty("enabled").GetBoolean());
    }
}
