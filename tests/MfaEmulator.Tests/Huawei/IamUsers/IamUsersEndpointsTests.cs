using System.Net;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Tests.Infrastructure;
using static MfaEmulator.Tests.Infrastructure.HuaweiAssert;

namespace MfaEmulator.Tests.Huawei.IamUsers;

/// <summary>ShowUser (GET /v3.0/OS-USER/users/{user_id}): what the Terraform provider reads after creating a device.</summary>
public sealed class IamUsersEndpointsTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    private readonly HuaweiTestApi _api = new(factory.CreateClient());

    [Fact]
    public async Task A_user_of_the_account_is_shown_with_the_fields_the_SDK_reads()
    {
        var admin = await _api.CreateAccount();
        var user = await _api.CreateUser(domainId: admin.DomainId, mobile: "+86-13800000000", email: "alice@example.com");

        var response = await _api.Send(HttpMethod.Get, $"/v3.0/OS-USER/users/{user.UserId}", null, admin.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = (await response.JsonBody()).GetProperty("user");
        Assert.Equal(
            ["access_mode", "areacode", "create_time", "description", "domain_id", "email", "enabled", "id", "is_domain_owner", "last_login_time",
                "links", "name", "phone", "pwd_status", "pwd_strength", "update_time", "xuser_id", "xuser_type"],
            shown.PropertyNames());
        Assert.Equal(user.UserId, shown.Str("id"));
        Assert.Equal(user.Name, shown.Str("name"));
        Assert.Equal(admin.DomainId, shown.Str("domain_id"));
        Assert.Equal("alice@example.com", shown.Str("email"));
        Assert.Equal("+86-13800000000", shown.Str("phone"));
        Assert.True(shown.GetProperty("enabled").GetBoolean());
        Assert.False(shown.GetProperty("is_domain_owner").GetBoolean());
        Assert.EndsWith($"/v3.0/OS-USER/users/{user.UserId}", shown.GetProperty("links").Str("self"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_administrator_is_the_domain_owner()
    {
        var response = await _api.Send(HttpMethod.Get, $"/v3.0/OS-USER/users/{DefaultHuaweiAccount.AdminId}", null, DefaultHuaweiAccount.AdminToken);

        var shown = (await response.JsonBody()).GetProperty("user");
        Assert.Equal(DefaultHuaweiAccount.AdminName, shown.Str("name"));
        Assert.True(shown.GetProperty("is_domain_owner").GetBoolean());
    }

    [Fact]
    public async Task A_user_of_another_account_or_no_user_is_not_found()
    {
        var admin = await _api.CreateAccount();
        var stranger = await _api.CreateAccount();

        var otherAccount = await _api.Send(HttpMethod.Get, $"/v3.0/OS-USER/users/{stranger.UserId}", null, admin.Token);
        var nobody = await _api.Send(HttpMethod.Get, "/v3.0/OS-USER/users/0000000000000000000000000000dead", null, admin.Token);

        await IamError(otherAccount, HttpStatusCode.NotFound, "IAM.0004", stranger.UserId);
        await IamError(nobody, HttpStatusCode.NotFound, "IAM.0004", "0000000000000000000000000000dead");
    }

    [Fact]
    public async Task Without_a_credential_the_call_is_refused()
    {
        var response = await _api.Send(HttpMethod.Get, $"/v3.0/OS-USER/users/{DefaultHuaweiAccount.AdminId}", null, token: null);

        await GatewayError(response, HttpStatusCode.Unauthorized, "APIGW.0301", "x-auth-token not found");
    }
}

/// <summary>--strict: an administrator reads anyone in the account, a user only themself.</summary>
public sealed class IamUsersStrictModeTests(StrictEmulatorFactory factory) : IClassFixture<StrictEmulatorFactory>
{
    private readonly HuaweiTestApi _api = new(factory.CreateClient());

    [Fact]
    public async Task A_user_reads_themself_but_not_a_colleague()
    {
        var admin = await _api.CreateAccount();
        var user = await _api.CreateUser(domainId: admin.DomainId);
        var colleague = await _api.CreateUser(domainId: admin.DomainId);

        var self = await _api.Send(HttpMethod.Get, $"/v3.0/OS-USER/users/{user.UserId}", null, user.Token);
        var other = await _api.Send(HttpMethod.Get, $"/v3.0/OS-USER/users/{colleague.UserId}", null, user.Token);
        var byAdmin = await _api.Send(HttpMethod.Get, $"/v3.0/OS-USER/users/{colleague.UserId}", null, admin.Token);

        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        await IamError(other, HttpStatusCode.Forbidden, "IAM.0002", "iam:users:getUser");
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
    }
}
