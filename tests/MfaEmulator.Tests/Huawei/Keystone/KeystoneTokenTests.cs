using System.Net;
using System.Text.Json;
using MfaEmulator.Tests.Infrastructure;
using static MfaEmulator.Tests.Infrastructure.HuaweiAssert;

namespace MfaEmulator.Tests.Huawei.Keystone;

/// <summary>POST /v3/auth/tokens with a password, and with a password and a virtual MFA code; the whole story in one test.</summary>
public sealed class KeystoneTokenTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    private readonly HuaweiTestApi _api = new(factory.CreateClient());

    private static object PasswordAuth(TestUser user, string? password = null, string? totp = null, object? scope = null)
    {
        var identity = new Dictionary<string, object>
        {
            ["methods"] = totp is null ? new[] { "password" } : new[] { "password", "totp" },
            ["password"] = new { user = new { name = user.Name, password = password ?? user.Password, domain = new { name = user.DomainName } } },
        };
        if (totp is not null)
        {
            identity["totp"] = new { user = new { id = user.UserId, passcode = totp } };
        }
        return new { auth = new { identity, scope = scope ?? new { project = new { name = "cn-north-4" } } } };
    }

    private Task<HttpResponseMessage> RequestToken(object body) => _api.Send(HttpMethod.Post, "/v3/auth/tokens", body, token: null);

    private static async Task KeystoneError(HttpResponseMessage response, HttpStatusCode status, string messagePart)
    {
        Assert.Equal(status, response.StatusCode);
        var error = (await response.JsonBody()).GetProperty("error");
        Assert.Equal((int)status, error.GetProperty("code").GetInt32());
        Assert.Contains(messagePart, error.Str("message"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.Str("title")));
    }

    [Fact]
    public async Task A_client_that_knows_only_the_vendor_docs_goes_create_bind_protect_and_signs_in_with_TOTP()
    {
        var (admin, user, serial) = await _api.CreateVmfaProtectedUser();

        var code = (await _api.Codes(serial)).Current;
        var response = await RequestToken(PasswordAuth(user, totp: code));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var subjectToken = response.Headers.GetValues("X-Subject-Token").Single();
        var token = (await response.JsonBody()).GetProperty("token");
        Assert.Equal(["password", "totp"], token.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(user.UserId, token.GetProperty("user").Str("id"));
        Assert.Equal(admin.DomainId, token.GetProperty("user").GetProperty("domain").Str("id"));
        Assert.Equal("cn-north-4", token.GetProperty("project").Str("name"));
        var issued = DateTimeOffset.Parse(token.Str("issued_at"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(24), DateTimeOffset.Parse(token.Str("expires_at"), System.Globalization.CultureInfo.InvariantCulture) - issued);
        Assert.True(token.TryGetProperty("mfa_authn_at", out _));
        var usingIt = await _api.Send(HttpMethod.Get, $"/v3.0/OS-MFA/users/{user.UserId}/virtual-mfa-device", null, subjectToken);
        Assert.Equal(HttpStatusCode.OK, usingIt.StatusCode);
        var replay = await RequestToken(PasswordAuth(user, totp: code));
        await KeystoneError(replay, HttpStatusCode.Unauthorized, "already used");
    }

    [Fact]
    public async Task A_password_token_has_no_mfa_time_and_is_issued_even_to_a_vmfa_protected_user()
    {
        var admin = await _api.CreateAccount();
        var user = await _api.CreateUser(domainId: admin.DomainId);
        await _api.SetLoginProtect(admin, user.UserId, true, "vmfa");

        var response = await RequestToken(PasswordAuth(user, scope: new { domain = new { name = user.DomainName } }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var token = (await response.JsonBody()).GetProperty("token");
        Assert.Equal(["password"], token.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.False(token.TryGetProperty("mfa_authn_at", out _));
        Assert.Equal(user.DomainId, token.GetProperty("domain").Str("id"));
        Assert.False(token.TryGetProperty("project", out _));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_401()
    {
        var user = await _api.CreateUser();

        var wrong = await RequestToken(PasswordAuth(user, password: "nope"));
        var unknown = await RequestToken(PasswordAuth(user with { Name = "nobody-" + Guid.NewGuid().ToString("N") }));

        await KeystoneError(wrong, HttpStatusCode.Unauthorized, "The username or password is wrong.");
        await KeystoneError(unknown, HttpStatusCode.Unauthorized, "The username or password is wrong.");
    }

    [Fact]
    public async Task The_TOTP_variant_explains_what_is_missing()
    {
        var admin = await _api.CreateAccount();
        var user = await _api.CreateUser(domainId: admin.DomainId);

        var notProtected = await RequestToken(PasswordAuth(user, totp: "123456"));
        await _api.SetLoginProtect(admin, user.UserId, true, "vmfa");
        var noDevice = await RequestToken(PasswordAuth(user, totp: "123456"));
        var serial = await _api.CreateV3Device(user, user.UserId);
        await _api.BindV3WithCurrentCodes(user, user.UserId, serial);
        await _api.AdvanceClock(30);
        var current = (await _api.Codes(serial)).Current;
        var wrong = await RequestToken(PasswordAuth(user, totp: current == "999999" ? "999998" : "999999"));
        await _api.AdvanceClock(120);
        var stale = await RequestToken(PasswordAuth(user, totp: current));

        await KeystoneError(notProtected, HttpStatusCode.Unauthorized, "does not use virtual MFA login protection");
        await KeystoneError(noDevice, HttpStatusCode.Unauthorized, "has no bound virtual MFA device");
        await KeystoneError(wrong, HttpStatusCode.Unauthorized, "Invalid TOTP passcode.");
        await KeystoneError(stale, HttpStatusCode.Unauthorized, "Invalid TOTP passcode.");
    }

    [Theory]
    [InlineData("""{}""", "'auth' is a required property")]
    [InlineData("""{"auth":{"identity":{"methods":["token"]}}}""", "'methods'")]
    [InlineData("""{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"a","password":"b"}}}}}""", "'domain'")]
    [InlineData("""{"auth":{"identity":{"methods":["password","totp"],"password":{"user":{"id":"a","password":"b"}}}}}""", "'totp'")]
    [InlineData("""{"auth":""", "The request body is invalid")]
    public async Task Bad_token_requests_get_400_in_the_Keystone_envelope(string body, string message) =>
        await KeystoneError(await RequestToken(body), HttpStatusCode.BadRequest, message);

    [Fact]
    public async Task A_scope_project_name_over_255_characters_is_400_and_one_of_255_is_in_the_token()
    {
        var user = await _api.CreateUser();

        var tooLong = await RequestToken(PasswordAuth(user, scope: new { project = new { name = new string('p', 256) } }));
        var longest = await RequestToken(PasswordAuth(user, scope: new { project = new { name = new string('p', 255) } }));
        var token = longest.Headers.GetValues("X-Subject-Token").Single();
        var validate = HttpExtensions.Json(HttpMethod.Get, "/v3/auth/tokens", null, user.Token);
        validate.Headers.TryAddWithoutValidation("X-Subject-Token", token);
        var validated = await _api.Client.SendAsync(validate);

        await KeystoneError(tooLong, HttpStatusCode.BadRequest, "Invalid input for field 'name': at most 255 characters.");
        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        Assert.Equal(new string('p', 255), (await validated.JsonBody()).GetProperty("token").GetProperty("project").Str("name"));
    }

    [Fact]
    public async Task Issued_tokens_expire_after_24_hours_on_the_emulators_clock()
    {
        var user = await _api.CreateUser();
        var response = await RequestToken(PasswordAuth(user));
        var token = response.Headers.GetValues("X-Subject-Token").Single();

        await _api.AdvanceClock(24 * 3600 + 1);
        var expired = await _api.Send(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, token);

        await GatewayError(expired, HttpStatusCode.Unauthorized, "APIGW.0307", "token expires");
    }

    [Fact]
    public async Task The_SDK_helper_routes_answer_with_the_callers_account()
    {
        var admin = await _api.CreateAccount();

        var projects = await (await _api.Send(HttpMethod.Get, "/v3/projects?name=ap-southeast-1", null, admin.Token)).JsonBody();
        var domains = await (await _api.Send(HttpMethod.Get, "/v3/auth/domains", null, admin.Token)).JsonBody();

        var project = Assert.Single(projects.GetProperty("projects").EnumerateArray());
        Assert.Equal("ap-southeast-1", project.Str("name"));
        Assert.Equal(admin.DomainId, project.Str("domain_id"));
        Assert.Equal(admin.DomainId, Assert.Single(domains.GetProperty("domains").EnumerateArray()).Str("id"));
    }

    [Fact]
    public async Task Keystone_routes_without_credentials_get_the_Keystone_401() =>
        await KeystoneError(await _api.Send(HttpMethod.Get, "/v3/auth/domains", null, token: null), HttpStatusCode.Unauthorized, "requires authentication");

    [Fact]
    public async Task The_token_route_is_documented_without_credentials()
    {
        var document = JsonDocument.Parse(await _api.Client.GetStringAsync("/openapi/v1.json"));

        var operation = document.RootElement.GetProperty("paths").GetProperty("/v3/auth/tokens").GetProperty("post");

        Assert.Equal("KeystoneCreateUserTokenByPasswordAndMfa", operation.Str("operationId"));
        Assert.True(operation.GetProperty("responses").TryGetProperty("201", out _));
    }
}
