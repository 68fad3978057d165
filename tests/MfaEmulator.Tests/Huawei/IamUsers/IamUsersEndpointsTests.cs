using System.Net;
using System.Text;
using System.Text.Json.Nodes;
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

/// <summary>The user API around CreateUser: conflicts, the administrator, deletion taking the user's MFA settings along.</summary>
public sealed class IamUsersLifecycleTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    private readonly HuaweiTestApi _api = new(factory.CreateClient());

    private Task<HttpResponseMessage> Create(TestUser admin, string name) =>
        _api.Send(HttpMethod.Post, "/v3.0/OS-USER/users", new { user = new { name, domain_id = admin.DomainId, password = "Passw0rd!" } }, admin.Token);

    [Fact]
    public async Task A_created_user_has_the_documented_fields_and_a_second_user_of_that_name_is_a_conflict()
    {
        var admin = await _api.CreateAccount();

        var created = await Create(admin, "alice");
        var again = await Create(admin, "alice");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = (await created.JsonBody()).GetProperty("user");
        Assert.Equal(
            ["access_mode", "areacode", "create_time", "description", "domain_id", "email", "enabled", "id", "is_domain_owner", "name", "phone",
                "pwd_status", "xdomain_id", "xdomain_type", "xuser_id", "xuser_type"],
            user.PropertyNames());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", user.Str("create_time"));
        await IamError(again, HttpStatusCode.Conflict, "IAM.0005", "alice");
    }

    [Fact]
    public async Task A_user_for_another_account_or_without_a_name_is_refused()
    {
        var admin = await _api.CreateAccount();

        var otherAccount = await _api.Send(HttpMethod.Post, "/v3.0/OS-USER/users", new { user = new { name = "bob", domain_id = "0000000000000000000000000000beef" } }, admin.Token);
        var noName = await _api.Send(HttpMethod.Post, "/v3.0/OS-USER/users", new { user = new { domain_id = admin.DomainId } }, admin.Token);
        var digitFirst = await _api.Send(HttpMethod.Post, "/v3.0/OS-USER/users", new { user = new { name = "1bob", domain_id = admin.DomainId } }, admin.Token);

        await IamError(otherAccount, HttpStatusCode.Forbidden, "IAM.0002", "not the caller's account");
        await IamError(noName, HttpStatusCode.BadRequest, "IAM.0072", "'name' is a required property.");
        await IamError(digitFirst, HttpStatusCode.BadRequest, "IAM.0073", "not starting with a digit");
    }

    [Fact]
    public async Task Deleting_a_user_removes_their_device_and_login_protection_but_the_administrator_stays()
    {
        var admin = await _api.CreateAccount();
        var user = await _api.CreateUser(domainId: admin.DomainId);
        var serial = await _api.CreateV3Device(user, user.UserId);
        await _api.BindV3WithCurrentCodes(user, user.UserId, serial);
        await _api.SetLoginProtect(admin, user.UserId, true, "vmfa");

        var deleted = await _api.Send(HttpMethod.Delete, $"/v3/users/{user.UserId}", null, admin.Token);
        var again = await _api.Send(HttpMethod.Delete, $"/v3/users/{user.UserId}", null, admin.Token);
        var administrator = await _api.Send(HttpMethod.Delete, $"/v3/users/{admin.UserId}", null, admin.Token);
        var devices = await (await _api.Send(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, admin.Token)).JsonBody();
        var protects = await (await _api.Send(HttpMethod.Get, "/v3.0/OS-USER/login-protects", null, admin.Token)).JsonBody();
        var users = await (await _api.Send(HttpMethod.Get, "/v3/users", null, admin.Token)).JsonBody();

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal($"Could not find user: {user.UserId}.", (await again.JsonBody()).GetProperty("error").Str("message"));
        Assert.Equal(HttpStatusCode.BadRequest, administrator.StatusCode);
        Assert.Equal(0, devices.GetProperty("virtual_mfa_devices").GetArrayLength());
        Assert.Equal(0, protects.GetProperty("login_protects").GetArrayLength());
        Assert.Equal([admin.UserId], users.GetProperty("users").EnumerateArray().Select(u => u.Str("id")));
    }

    [Fact]
    public async Task A_deleted_users_tokens_go_with_them_so_the_state_still_round_trips()
    {
        var admin = await _api.CreateAccount();
        var user = await _api.CreateUser(domainId: admin.DomainId);

        await _api.Send(HttpMethod.Delete, $"/v3/users/{user.UserId}", null, admin.Token);
        var state = await _api.Client.GetStringAsync("/_emulator/state");
        var reloaded = await _api.Client.PutAsync("/_emulator/state", new StringContent(state, System.Text.Encoding.UTF8, "application/json"));

        Assert.DoesNotContain(user.Token, state, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, reloaded.StatusCode);
    }

    [Fact]
    public async Task A_user_from_an_older_state_file_keeps_the_creation_time_its_profile_held()
    {
        using var own = new EmulatorFactory();
        var api = new HuaweiTestApi(own.CreateClient());
        var admin = await api.CreateAccount();
        var user = await api.CreateUser(domainId: admin.DomainId);
        var state = JsonNode.Parse(await api.Client.GetStringAsync("/_emulator/state"))!;
        var saved = state["huawei_accounts"]!["users"]!.AsArray().Single(u => u!["id"]!.GetValue<string>() == user.UserId)!.AsObject();
        saved.Remove("created_at"); // the shape before users kept their own creation time
        saved["profile"] = new JsonObject { ["created_at"] = "2026-01-02T03:04:05.6+00:00" };

        var put = await api.Client.PutAsync("/_emulator/state", new StringContent(state.ToJsonString(), Encoding.UTF8, "application/json"));
        var shown = (await (await api.Send(HttpMethod.Get, $"/v3.0/OS-USER/users/{user.UserId}", null, admin.Token)).JsonBody()).GetProperty("user");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("2026-01-02 03:04:05.6", shown.Str("create_time"));
    }

    [Fact]
    public async Task A_token_carries_a_catalog_unless_nocatalog_and_validates_until_it_expires()
    {
        var user = await _api.CreateUser();
        object Password() => new { auth = new { identity = new { methods = new[] { "password" }, password = new { user = new { id = user.UserId, password = user.Password } } } } };

        var withCatalog = await _api.Send(HttpMethod.Post, "/v3/auth/tokens", Password(), token: null);
        var without = await _api.Send(HttpMethod.Post, "/v3/auth/tokens?nocatalog=true", Password(), token: null);
        var subject = withCatalog.Headers.GetValues("X-Subject-Token").Single();
        var validate = HttpExtensions.Json(HttpMethod.Get, "/v3/auth/tokens", null, user.Token);
        validate.Headers.TryAddWithoutValidation("X-Subject-Token", subject);
        var validated = await _api.Client.SendAsync(validate);
        var bogus = HttpExtensions.Json(HttpMethod.Get, "/v3/auth/tokens", null, user.Token);
        bogus.Headers.TryAddWithoutValidation("X-Subject-Token", "MIInotAToken");
        var invalid = await _api.Client.SendAsync(bogus);

        var catalog = (await withCatalog.JsonBody()).GetProperty("token").GetProperty("catalog");
        var iam = Assert.Single(catalog.EnumerateArray());
        Assert.Equal("iam", iam.Str("type"));
        Assert.EndsWith("/v3.0", iam.GetProperty("endpoints")[0].Str("url"), StringComparison.Ordinal);
        Assert.Equal(0, (await without.JsonBody()).GetProperty("token").GetProperty("catalog").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        Assert.Equal(subject, validated.Headers.GetValues("X-Subject-Token").Single());
        Assert.Equal(user.UserId, (await validated.JsonBody()).GetProperty("token").GetProperty("user").Str("id"));
        Assert.Equal(HttpStatusCode.NotFound, invalid.StatusCode);
        Assert.Equal("X-Subject-Token is invalid in the request", (await invalid.JsonBody()).GetProperty("error").Str("message"));
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

    [Fact]
    public async Task Only_the_administrator_creates_updates_lists_and_deletes_users()
    {
        var admin = await _api.CreateAccount();
        var user = await _api.CreateUser(domainId: admin.DomainId);

        var create = await _api.Send(HttpMethod.Post, "/v3.0/OS-USER/users", new { user = new { name = "carol", domain_id = admin.DomainId } }, user.Token);
        var update = await _api.Send(HttpMethod.Put, $"/v3.0/OS-USER/users/{user.UserId}", new { user = new { description = "me" } }, user.Token);
        var list = await _api.Send(HttpMethod.Get, "/v3/users", null, user.Token);
        var delete = await _api.Send(HttpMethod.Delete, $"/v3/users/{user.UserId}", null, user.Token);
        var byAdmin = await _api.Send(HttpMethod.Put, $"/v3.0/OS-USER/users/{user.UserId}", new { user = new { description = "set by the administrator" } }, admin.Token);

        await IamError(create, HttpStatusCode.Forbidden, "IAM.0002", "createUser");
        await IamError(update, HttpStatusCode.Forbidden, "IAM.0002", "updateUser");
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal("set by the administrator", (await byAdmin.JsonBody()).GetProperty("user").Str("description"));
    }
}
