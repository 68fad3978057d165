using System.Net;
using MfaEmulator.Tests.Infrastructure;
using MfaEmulator.Zitadel;
using static MfaEmulator.Tests.Zitadel.LoginPolicy.ZitadelHttp;

namespace MfaEmulator.Tests.Zitadel.LoginPolicy;

/// <summary>Strict mode: only personal access tokens the emulator issued, and only with the permission a route needs in the org it acts in.</summary>
public sealed class ZitadelStrictModeTests(StrictEmulatorFactory factory) : IClassFixture<StrictEmulatorFactory>
{
    private const string OtpSms = "SECOND_FACTOR_TYPE_OTP_SMS";

    private readonly HttpClient _client = factory.CreateClient();

    private Task<HttpResponseMessage> AddFactor(string token, string? orgId = null) =>
        _client.ZitadelAsync(HttpMethod.Post, SecondFactors, Bearer(token), new { type = OtpSms }, orgId);

    [Fact]
    public async Task A_token_the_emulator_did_not_issue_is_401_invalid_token()
    {
        var response = await AddFactor("MIIAnyWellFormedToken");

        await response.AssertZitadelError(HttpStatusCode.Unauthorized, 16, "Token is invalid", "AUTH-7fs1e");
        Assert.Equal("Token is invalid (AUTH-7fs1e)", response.WwwAuthenticate());
    }

    [Fact]
    public async Task A_request_without_an_Authorization_header_is_still_401_auth_header_missing()
    {
        var response = await _client.ZitadelAsync(HttpMethod.Post, SecondFactors, authorization: null, new { type = OtpSms });

        await response.AssertZitadelError(HttpStatusCode.Unauthorized, 16, "auth header missing");
    }

    [Fact]
    public async Task The_ORG_OWNER_token_of_a_new_org_adds_factors_in_its_org()
    {
        var org = await _client.CreateOrgAsync();

        var response = await AddFactor(org.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var details = (await response.JsonBody()).GetProperty("details");
        Assert.Equal(org.Id, details.Str("resourceOwner"));
        Assert.Equal("6", details.Str("sequence"));
        Assert.Equal(HttpStatusCode.Conflict, (await AddFactor(org.Token)).StatusCode);
    }

    [Fact]
    public async Task A_token_whose_roles_lack_policy_write_is_403_AUTH_5mWD2_but_may_read()
    {
        var org = await _client.CreateOrgAsync();
        var viewer = await _client.IssueTokenAsync(org.Id, "ORG_OWNER_VIEWER");

        var write = await AddFactor(viewer);
        var read = await _client.ZitadelAsync(HttpMethod.Post, SecondFactorsSearch, Bearer(viewer));

        await write.AssertZitadelError(HttpStatusCode.Forbidden, 7, "No matching permissions found", "AUTH-5mWD2");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("6", (await AddFactor(org.Token).OkBody()).GetProperty("details").Str("sequence"));
    }

    [Fact]
    public async Task An_issued_ORG_SETTINGS_MANAGER_token_may_write_the_policy()
    {
        var org = await _client.CreateOrgAsync();
        var manager = await _client.IssueTokenAsync(org.Id, "ORG_SETTINGS_MANAGER");

        var response = await AddFactor(manager);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_token_of_one_org_cannot_touch_another_org()
    {
        var first = await _client.CreateOrgAsync();
        var second = await _client.CreateOrgAsync();

        var response = await AddFactor(first.Token, orgId: second.Id);

        await response.AssertZitadelError(HttpStatusCode.Forbidden, 7, "No matching permissions found", "AUTH-5mWD2");
        Assert.Equal("6", (await AddFactor(second.Token).OkBody()).GetProperty("details").Str("sequence"));
    }

    [Fact]
    public async Task An_x_zitadel_orgid_naming_no_org_is_403_AUTH_Bs7Ds()
    {
        var org = await _client.CreateOrgAsync();

        var response = await AddFactor(org.Token, orgId: "999999999999999999");

        await response.AssertZitadelError(HttpStatusCode.Forbidden, 7, "Organisation doesn't exist", "AUTH-Bs7Ds");
    }

    [Fact]
    public async Task The_default_IAM_OWNER_token_acts_in_any_org_and_on_the_instance_default()
    {
        var org = await _client.CreateOrgAsync();

        var inOrg = await AddFactor(DefaultZitadelInstance.OwnerPat, orgId: org.Id);
        var instance = await _client.ZitadelAsync(HttpMethod.Get, AdminLoginPolicy, Bearer(DefaultZitadelInstance.OwnerPat));

        Assert.Equal(HttpStatusCode.OK, inOrg.StatusCode);
        Assert.Equal(org.Id, (await inOrg.JsonBody()).GetProperty("details").Str("resourceOwner"));
        Assert.Equal(HttpStatusCode.OK, instance.StatusCode);
    }

    [Fact]
    public async Task An_ORG_OWNER_token_may_not_change_the_instance_default()
    {
        var org = await _client.CreateOrgAsync();

        var response = await _client.ZitadelAsync(HttpMethod.Post, AdminSecondFactors, Bearer(org.Token), new { type = OtpSms });

        await response.AssertZitadelError(HttpStatusCode.Forbidden, 7, "No matching permissions found", "AUTH-5mWD2");
        var list = await _client.ZitadelAsync(HttpMethod.Post, AdminSecondFactorsSearch, Bearer(DefaultZitadelInstance.OwnerPat)).OkBody();
        Assert.DoesNotContain(OtpSms, list.Strings("result"));
    }
}
