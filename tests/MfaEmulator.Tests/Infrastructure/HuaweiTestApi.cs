using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static MfaEmulator.Tests.Infrastructure.HttpExtensions;

namespace MfaEmulator.Tests.Infrastructure;

internal sealed record TestUser(string UserId, string DomainId, string DomainName, string Name, string Password, string Token, string AccessKey, string SecretKey);

internal sealed record TestCodes(string Previous, string Current, string Next);

/// <summary>What a test does through the control routes and IAM, as any client would over plain HTTP.</summary>
internal sealed class HuaweiTestApi(HttpClient client)
{
    public HttpClient Client => client;

    public async Task<TestUser> CreateUser(string? name = null, bool admin = false, string? domainId = null, string? mobile = null, string? email = null)
    {
        var response = await client.PostAsJsonAsync("/_emulator/huawei/users", new Dictionary<string, object?>
        {
            ["name"] = name ?? "user-" + Guid.NewGuid().ToString("N")[..12],
            ["password"] = "Passw0rd!",
            ["admin"] = admin,
            ["domain_id"] = domainId,
            ["mobile"] = mobile,
            ["email"] = email,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonBody();
        return new TestUser(body.Str("user_id"), body.Str("domain_id"), body.Str("domain_name"), body.Str("name"), body.Str("password"),
            body.Str("token"), body.Str("access_key"), body.Str("secret_key"));
    }

    /// <summary>An administrator of a brand-new account, so a test owns its tenant.</summary>
    public Task<TestUser> CreateAccount() => CreateUser(admin: true);

    /// <summary>Creates a device named after the user: serial numbers (and so names) are unique per account.</summary>
    public async Task<string> CreateV3Device(TestUser caller, string userId, string? name = null)
    {
        name ??= "mfa-" + userId[..12];
        var response = await Send(HttpMethod.Post, "/v3.0/OS-MFA/virtual-mfa-devices", new { virtual_mfa_device = new { name, user_id = userId } }, caller.Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonBody()).GetProperty("virtual_mfa_device").Str("serial_number");
    }

    public async Task<TestCodes> Codes(string serial)
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/_emulator/mfa-devices/codes?serial_number={Uri.EscapeDataString(serial)}");
        return new TestCodes(body.Str("previous"), body.Str("current"), body.Str("next"));
    }

    public Task<HttpResponseMessage> BindV3(TestUser caller, string userId, string serial, string first, string second) =>
        Send(HttpMethod.Put, "/v3.0/OS-MFA/mfa-devices/bind",
            new { user_id = userId, serial_number = serial, authentication_code_first = first, authentication_code_second = second }, caller.Token);

    /// <summary>Binds with the codes the device shows now, as a person would.</summary>
    public async Task BindV3WithCurrentCodes(TestUser caller, string userId, string serial)
    {
        var codes = await Codes(serial);
        var response = await BindV3(caller, userId, serial, codes.Previous, codes.Current);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public Task<HttpResponseMessage> SetLoginProtect(TestUser caller, string userId, bool enabled, string method) =>
        Send(HttpMethod.Put, $"/v3.0/OS-USER/users/{userId}/login-protect",
            new { login_protect = new { enabled, verification_method = method } }, caller.Token);

    /// <summary>
    /// A user of a new account with a bound v3 device and vmfa login protection, the clock moved past the codes the
    /// binding used: ready to sign in with a TOTP code.
    /// </summary>
    public async Task<(TestUser Admin, TestUser User, string Serial)> CreateVmfaProtectedUser()
    {
        var admin = await CreateAccount();
        var user = await CreateUser(domainId: admin.DomainId);
        var serial = await CreateV3Device(user, user.UserId);
        await BindV3WithCurrentCodes(user, user.UserId, serial);
        Assert.Equal(HttpStatusCode.OK, (await SetLoginProtect(admin, user.UserId, true, "vmfa")).StatusCode);
        await AdvanceClock(30);
        return (admin, user, serial);
    }

    public async Task AdvanceClock(int seconds)
    {
        var response = await client.PostAsJsonAsync("/_emulator/clock/advance", new { seconds });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public Task<HttpResponseMessage> Send(HttpMethod method, string path, object? body, string? token) =>
        client.SendAsync(Json(method, path, body, token));
}

internal static class HuaweiAssert
{
    /// <summary>The IAM v3.0 envelope: exactly error_code and error_msg.</summary>
    public static async Task IamError(HttpResponseMessage response, HttpStatusCode status, string code, string messagePart)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await response.JsonBody();
        Assert.Equal(code, body.Str("error_code"));
        Assert.Contains(messagePart, body.Str("error_msg"), StringComparison.Ordinal);
        Assert.Equal(["error_code", "error_msg"], body.PropertyNames());
    }

    /// <summary>The API gateway's refusal in front of HSS or IAM v3.0: error_code, error_msg and the request id of the X-Request-Id header.</summary>
    public static async Task GatewayError(HttpResponseMessage response, HttpStatusCode status, string code, string messagePart)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await response.JsonBody();
        Assert.Equal(code, body.Str("error_code"));
        Assert.Contains(messagePart, body.Str("error_msg"), StringComparison.Ordinal);
        Assert.Equal(["error_code", "error_msg", "request_id"], body.PropertyNames());
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), body.Str("request_id"));
    }

    /// <summary>The IAM v5 envelope: error_code, error_msg and the request id of the X-Request-Id header.</summary>
    public static async Task<JsonElement> V5Error(HttpResponseMessage response, HttpStatusCode status, string code, string messagePart)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await response.JsonBody();
        Assert.Equal(code, body.Str("error_code"));
        Assert.Contains(messagePart, body.Str("error_msg"), StringComparison.Ordinal);
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), body.Str("request_id"));
        return body;
    }
}
