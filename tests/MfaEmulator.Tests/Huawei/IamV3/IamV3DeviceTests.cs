using System.Net;
using MfaEmulator.Tests.Infrastructure;
using static MfaEmulator.Tests.Infrastructure.HuaweiAssert;

namespace MfaEmulator.Tests.Huawei.IamV3;

/// <summary>OS-MFA: create, bind (seed 003), unbind, delete, list and show, in lenient mode.</summary>
public sealed class IamV3DeviceTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    private readonly HuaweiTestApi _api = new(factory.CreateClient());

    private async Task<(TestUser Admin, TestUser User, string Serial)> UserWithDevice()
    {
        var admin = await _api.CreateAccount();
        var user = await _api.CreateUser(domainId: admin.DomainId);
        return (admin, user, await _api.CreateV3Device(user, user.UserId));
    }

    [Fact]
    public async Task Creating_a_device_returns_its_serial_number_and_a_160_bit_seed_once()
    {
        var admin = await _api.CreateAccount();

        var response = await _api.Send(HttpMethod.Post, "/v3.0/OS-MFA/virtual-mfa-devices",
            new { virtual_mfa_device = new { name = "phone", user_id = admin.UserId } }, admin.Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var device = (await response.JsonBody()).GetProperty("virtual_mfa_device");
        Assert.Equal($"iam:{admin.DomainId}:mfa/phone", device.Str("serial_number"));
        Assert.Matches("^[A-Z2-7]{32}$", device.Str("base32_string_seed"));
        var shown = await _api.Send(HttpMethod.Get, $"/v3.0/OS-MFA/users/{admin.UserId}/virtual-mfa-device", null, admin.Token);
        var view = (await shown.JsonBody()).GetProperty("virtual_mfa_device");
        Assert.Equal(["serial_number", "user_id"], view.PropertyNames());
    }

    [Fact]
    public async Task A_second_device_for_the_same_user_is_a_conflict_and_changes_nothing()
    {
        var (admin, user, serial) = await UserWithDevice();

        var second = await _api.Send(HttpMethod.Post, "/v3.0/OS-MFA/virtual-mfa-devices",
            new { virtual_mfa_device = new { name = "tablet", user_id = user.UserId } }, user.Token);

        await IamError(second, HttpStatusCode.Conflict, "IAM.0005", "can have only one");
        var list = await (await _api.Send(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, admin.Token)).JsonBody();
        Assert.Equal([serial], list.GetProperty("virtual_mfa_devices").EnumerateArray().Select(d => d.Str("serial_number")));
    }

    [Fact]
    public async Task Creating_a_device_for_an_unknown_user_is_not_found()
    {
        var admin = await _api.CreateAccount();

        var response = await _api.Send(HttpMethod.Post, "/v3.0/OS-MFA/virtual-mfa-devices",
            new { virtual_mfa_device = new { name = "phone", user_id = "0123456789abcdef0123456789abcdef" } }, admin.Token);

        await IamError(response, HttpStatusCode.NotFound, "IAM.0004", "Could not find user: 0123456789abcdef0123456789abcdef");
    }

    [Theory]
    [InlineData("""{"virtual_mfa_device":{"user_id":"u"}}""", "IAM.0072", "'name' is a required property.")]
    [InlineData("""{"virtual_mfa_device":{"name":"p"}}""", "IAM.0072", "'user_id' is a required property.")]
    [InlineData("""{}""", "IAM.0072", "'virtual_mfa_device' is a required property.")]
    [InlineData("""{"virtual_mfa_device":{"name":"0123456789012345678901234567890123456789012345678901234567890123x","user_id":"u"}}""", "IAM.0073", "'name'")]
    [InlineData("""{"virtual_mfa_device":{"name":"a/b","user_id":"u"}}""", "IAM.0073", "must not contain")]
    [InlineData("""{"virtual_mfa_device":{"name":7,"user_id":"u"}}""", "IAM.0073", "'virtual_mfa_device.name'")]
    [InlineData("""{"virtual_mfa_device":""", "IAM.0011", "Request body is invalid")]
    public async Task Bad_create_requests_get_IAM_validation_codes(string body, string code, string message)
    {
        var response = await _api.Send(HttpMethod.Post, "/v3.0/OS-MFA/virtual-mfa-devices", body, HttpExtensions.AnyToken);

        await IamError(response, HttpStatusCode.BadRequest, code, message);
    }

    [Fact]
    public async Task Binding_with_two_consecutive_codes_succeeds_and_a_second_bind_conflicts()
    {
        var (admin, user, serial) = await UserWithDevice();
        var codes = await _api.Codes(serial);

        var bound = await _api.BindV3(user, user.UserId, serial, codes.Previous, codes.Current);
        var again = await _api.BindV3(user, user.UserId, serial, codes.Current, codes.Next);

        Assert.Equal(HttpStatusCode.NoContent, bound.StatusCode);
        Assert.Equal("", await bound.Content.ReadAsStringAsync());
        await IamError(again, HttpStatusCode.Conflict, "IAM.0005", "already bound");
        var v5 = await (await _api.Send(HttpMethod.Get, $"/v5/mfa-devices?user_id={user.UserId}", null, admin.Token)).JsonBody();
        Assert.True(v5.GetProperty("mfa_devices")[0].GetProperty("enabled").GetBoolean());
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("equal")]
    [InlineData("swapped")]
    [InlineData("skipped")]
    [InlineData("letters")]
    public async Task Bad_codes_are_an_invalid_TOTP_passcode_and_leave_the_device_unbound(string kind)
    {
        var (_, user, serial) = await UserWithDevice();
        var c = await _api.Codes(serial);
        var (first, second, reason) = kind switch
        {
            "wrong" => (c.Previous, c.Current == "000000" ? "000001" : "000000", "do not match"),
            "equal" => (c.Current, c.Current, "not the same code twice"),
            "swapped" => (c.Current, c.Previous, "do not match"),
            "skipped" => (c.Previous, c.Next, "do not match"),
            _ => ("12345a", c.Current, "6 digits"),
        };

        var response = await _api.BindV3(user, user.UserId, serial, first, second);

        await IamError(response, HttpStatusCode.BadRequest, "IAM.1061", "Invalid TOTP passcode. ");
        Assert.Contains(reason, (await response.JsonBody()).Str("error_msg"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await _api.BindV3(user, user.UserId, serial, c.Previous, c.Current)).StatusCode);
    }

    [Fact]
    public async Task Codes_already_used_for_the_device_are_refused_as_a_replay()
    {
        var (admin, user, serial) = await UserWithDevice();
        var codes = await _api.Codes(serial);
        await _api.BindV3(user, user.UserId, serial, codes.Previous, codes.Current);
        var unbound = await _api.Send(HttpMethod.Put, "/v3.0/OS-MFA/mfa-devices/unbind",
            new { user_id = user.UserId, authentication_code = "000000", serial_number = serial }, admin.Token);
        Assert.Equal(HttpStatusCode.NoContent, unbound.StatusCode);

        var replay = await _api.BindV3(user, user.UserId, serial, codes.Previous, codes.Current);

        await IamError(replay, HttpStatusCode.BadRequest, "IAM.1061", "already used");
    }

    [Fact]
    public async Task Binding_another_users_device_is_a_conflict()
    {
        var (admin, user, serial) = await UserWithDevice();
        var other = await _api.CreateUser(domainId: admin.DomainId);
        var codes = await _api.Codes(serial);

        var response = await _api.BindV3(other, other.UserId, serial, codes.Previous, codes.Current);

        await IamError(response, HttpStatusCode.Conflict, "IAM.0005", "belongs to another user");
    }

    [Fact]
    public async Task Binding_an_unknown_device_is_not_found()
    {
        var admin = await _api.CreateAccount();

        var response = await _api.BindV3(admin, admin.UserId, $"iam:{admin.DomainId}:mfa/none", "123456", "654321");

        await IamError(response, HttpStatusCode.NotFound, "IAM.0004", "Could not find virtual MFA device");
    }

    [Theory]
    [InlineData("user_id")]
    [InlineData("serial_number")]
    [InlineData("authentication_code_first")]
    [InlineData("authentication_code_second")]
    public async Task Each_missing_bind_field_is_a_required_property(string field)
    {
        var body = new Dictionary<string, string> { ["user_id"] = "u", ["serial_number"] = "s", ["authentication_code_first"] = "1", ["authentication_code_second"] = "2" };
        body.Remove(field);

        var response = await _api.Send(HttpMethod.Put, "/v3.0/OS-MFA/mfa-devices/bind", body, HttpExtensions.AnyToken);

        await IamError(response, HttpStatusCode.BadRequest, "IAM.0072", $"'{field}' is a required property.");
    }

    [Fact]
    public async Task Binding_without_credentials_is_unauthenticated()
    {
        var response = await _api.Send(HttpMethod.Put, "/v3.0/OS-MFA/mfa-devices/bind", new { user_id = "u" }, token: null);

        await GatewayError(response, HttpStatusCode.Unauthorized, "APIGW.0301", "x-auth-token not found");
    }

    [Fact]
    public async Task Of_racing_binds_of_one_device_exactly_one_wins_and_the_rest_conflict()
    {
        var (_, user, serial) = await UserWithDevice();
        var codes = await _api.Codes(serial);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => _api.BindV3(user, user.UserId, serial, codes.Previous, codes.Current)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.NoContent);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.NoContent), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Fact]
    public async Task An_administrator_unbinds_with_any_six_digits_but_the_user_needs_a_current_code()
    {
        var (admin, user, serial) = await UserWithDevice();
        await _api.BindV3WithCurrentCodes(user, user.UserId, serial);
        await _api.AdvanceClock(30);
        var codes = await _api.Codes(serial);

        var selfWrong = await _api.Send(HttpMethod.Put, "/v3.0/OS-MFA/mfa-devices/unbind",
            new { user_id = user.UserId, authentication_code = codes.Current == "111111" ? "222222" : "111111", serial_number = serial }, user.Token);
        var selfRight = await _api.Send(HttpMethod.Put, "/v3.0/OS-MFA/mfa-devices/unbind",
            new { user_id = user.UserId, authentication_code = codes.Current, serial_number = serial }, user.Token);
        await _api.AdvanceClock(60);
        await _api.BindV3WithCurrentCodes(user, user.UserId, serial);
        var byAdmin = await _api.Send(HttpMethod.Put, "/v3.0/OS-MFA/mfa-devices/unbind",
            new { user_id = user.UserId, authentication_code = "000000", serial_number = serial }, admin.Token);

        await IamError(selfWrong, HttpStatusCode.BadRequest, "IAM.1061", "Invalid TOTP passcode.");
        Assert.Equal(HttpStatusCode.NoContent, selfRight.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byAdmin.StatusCode);
        var v5 = await (await _api.Send(HttpMethod.Get, $"/v5/mfa-devices?user_id={user.UserId}", null, admin.Token)).JsonBody();
        Assert.False(v5.GetProperty("mfa_devices")[0].GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Unbinding_is_refused_while_login_protection_is_vmfa()
    {
        var (admin, user, serial) = await UserWithDevice();
        await _api.BindV3WithCurrentCodes(user, user.UserId, serial);
        Assert.Equal(HttpStatusCode.OK, (await _api.SetLoginProtect(admin, user.UserId, true, "vmfa")).StatusCode);

        var response = await _api.Send(HttpMethod.Put, "/v3.0/OS-MFA/mfa-devices/unbind",
            new { user_id = user.UserId, authentication_code = "000000", serial_number = serial }, admin.Token);

        await IamError(response, HttpStatusCode.BadRequest, "IAM.1062", "Login protection has been bound to mfa");
    }

    [Fact]
    public async Task An_unbind_code_that_is_not_six_digits_is_invalid_input()
    {
        var response = await _api.Send(HttpMethod.Put, "/v3.0/OS-MFA/mfa-devices/unbind",
            new { user_id = "u", authentication_code = "12345", serial_number = "s" }, HttpExtensions.AnyToken);

        await IamError(response, HttpStatusCode.BadRequest, "IAM.0073", "'authentication_code'");
    }

    [Fact]
    public async Task Deleting_an_unbound_device_removes_it_a_bound_one_conflicts_and_an_unknown_serial_succeeds()
    {
        var (admin, user, serial) = await UserWithDevice();
        var other = await _api.CreateUser(domainId: admin.DomainId);
        var otherSerial = await _api.CreateV3Device(other, other.UserId);
        await _api.BindV3WithCurrentCodes(other, other.UserId, otherSerial);

        var deleted = await _api.Send(HttpMethod.Delete, $"/v3.0/OS-MFA/virtual-mfa-devices?user_id={user.UserId}&serial_number={Uri.EscapeDataString(serial)}", null, admin.Token);
        var bound = await _api.Send(HttpMethod.Delete, $"/v3.0/OS-MFA/virtual-mfa-devices?user_id={other.UserId}&serial_number={Uri.EscapeDataString(otherSerial)}", null, admin.Token);
        var unknown = await _api.Send(HttpMethod.Delete, $"/v3.0/OS-MFA/virtual-mfa-devices?user_id={user.UserId}&serial_number=nothing", null, admin.Token);
        var missingQuery = await _api.Send(HttpMethod.Delete, $"/v3.0/OS-MFA/virtual-mfa-devices?user_id={user.UserId}", null, admin.Token);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await IamError(bound, HttpStatusCode.Conflict, "IAM.0005", "already bound");
        Assert.Equal(HttpStatusCode.NoContent, unknown.StatusCode);
        await IamError(missingQuery, HttpStatusCode.BadRequest, "IAM.0007", "serial_number");
        var shown = await _api.Send(HttpMethod.Get, $"/v3.0/OS-MFA/users/{user.UserId}/virtual-mfa-device", null, admin.Token);
        await IamError(shown, HttpStatusCode.NotFound, "IAM.0004", "virtual MFA device of user");
    }

    [Fact]
    public async Task Two_accounts_are_isolated()
    {
        var (adminA, userA, serialA) = await UserWithDevice();
        var adminB = await _api.CreateAccount();

        var listB = await (await _api.Send(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, adminB.Token)).JsonBody();
        var showFromB = await _api.Send(HttpMethod.Get, $"/v3.0/OS-MFA/users/{userA.UserId}/virtual-mfa-device", null, adminB.Token);
        var codes = await _api.Codes(serialA);
        var bindFromB = await _api.BindV3(adminB, userA.UserId, serialA, codes.Previous, codes.Current);

        Assert.Equal(0, listB.GetProperty("virtual_mfa_devices").GetArrayLength());
        await IamError(showFromB, HttpStatusCode.NotFound, "IAM.0004", userA.UserId);
        await IamError(bindFromB, HttpStatusCode.NotFound, "IAM.0004", userA.UserId);
        var listA = await (await _api.Send(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, adminA.Token)).JsonBody();
        Assert.Equal(1, listA.GetProperty("virtual_mfa_devices").GetArrayLength());
    }
}
