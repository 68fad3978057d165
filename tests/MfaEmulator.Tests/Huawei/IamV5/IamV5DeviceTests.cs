using System.Net;
using System.Text.Json;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Huawei.Iam;
using MfaEmulator.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static MfaEmulator.Tests.Infrastructure.HuaweiAssert;

namespace MfaEmulator.Tests.Huawei.IamV5;

/// <summary>IAM v5 virtual MFA devices around EnableMfaDeviceV5 (seed 002), in lenient mode.</summary>
public sealed class IamV5DeviceTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    private readonly HuaweiTestApi _api = new(factory.CreateClient());

    private async Task<(TestUser Admin, string Serial)> AccountWithDevice(string? name = null)
    {
        var admin = await _api.CreateAccount();
        var serial = await CreateV5(admin, admin.UserId, name ?? "phone");
        return (admin, serial);
    }

    private async Task<string> CreateV5(TestUser caller, string userId, string name)
    {
        var response = await _api.Send(HttpMethod.Post, "/v5/virtual-mfa-devices", new { virtual_mfa_device_name = name, user_id = userId }, caller.Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonBody()).GetProperty("virtual_mfa_device").Str("serial_number");
    }

    private Task<HttpResponseMessage> Enable(TestUser caller, string userId, string serial, string first, string second) =>
        _api.Send(HttpMethod.Post, "/v5/mfa-devices/enable",
            new { user_id = userId, serial_number = serial, authentication_code_first = first, authentication_code_second = second }, caller.Token);

    private async Task<JsonElement> List(TestUser caller, string query = "")
    {
        var response = await _api.Send(HttpMethod.Get, "/v5/mfa-devices" + query, null, caller.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonBody();
    }

    [Fact]
    public async Task A_v5_device_keeps_its_users_own_id_string_not_the_bodys_copy()
    {
        var (admin, serial) = await AccountWithDevice();

        var device = factory.Services.GetRequiredService<VirtualMfaDevices>().Find(serial)!;
        var user = factory.Services.GetRequiredService<HuaweiAccounts>().FindUser(admin.UserId)!;

        Assert.Same(user.Id, device.UserId);
    }

    [Fact]
    public async Task Create_enable_list_disable_delete_works_end_to_end()
    {
        var admin = await _api.CreateAccount();

        var created = await _api.Send(HttpMethod.Post, "/v5/virtual-mfa-devices", new { virtual_mfa_device_name = "phone", user_id = admin.UserId }, admin.Token);
        var device = (await created.JsonBody()).GetProperty("virtual_mfa_device");
        var serial = device.Str("serial_number");
        var codes = await _api.Codes(serial);
        var enabled = await Enable(admin, admin.UserId, serial, codes.Previous, codes.Current);
        var afterEnable = await List(admin);
        var disabled = await _api.Send(HttpMethod.Post, "/v5/mfa-devices/disable", new { user_id = admin.UserId, serial_number = serial }, admin.Token);
        var afterDisable = await List(admin);
        var deleted = await _api.Send(HttpMethod.Delete, $"/v5/virtual-mfa-devices?user_id={admin.UserId}&serial_number={Uri.EscapeDataString(serial)}", null, admin.Token);
        var afterDelete = await List(admin);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"iam::{admin.DomainId}:mfa:phone", serial);
        Assert.Matches("^[A-Z2-7]{32}$", device.Str("base32_string_seed"));
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal("", await enabled.Content.ReadAsStringAsync());
        var listed = Assert.Single(afterEnable.GetProperty("mfa_devices").EnumerateArray());
        Assert.Equal(["enabled", "serial_number", "user_id"], listed.PropertyNames());
        Assert.True(listed.GetProperty("enabled").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.False(afterDisable.GetProperty("mfa_devices")[0].GetProperty("enabled").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, afterDelete.GetProperty("mfa_devices").GetArrayLength());
        Assert.Equal(0, afterDelete.GetProperty("page_info").GetProperty("current_count").GetInt32());
    }

    [Fact]
    public async Task The_seed_example_verbatim_names_a_user_that_does_not_exist()
    {
        var response = await _api.Send(HttpMethod.Post, "/v5/mfa-devices/enable", """
            { "user_id" : "xxx", "serial_number" : "iam::accountid:mfa:name", "authentication_code_first" : "123456", "authentication_code_second" : "123456" }
            """, HttpExtensions.AnyToken);

        var body = await V5Error(response, HttpStatusCode.NotFound, "IAM.0004", "Could not find user: xxx");
        Assert.Equal(["error_code", "error_msg", "request_id"], body.PropertyNames());
    }

    [Theory]
    [InlineData("wrong", "do not match")]
    [InlineData("equal", "not the same code twice")]
    [InlineData("swapped", "do not match")]
    [InlineData("skipped", "do not match")]
    [InlineData("replayed", "already used")]
    public async Task Bad_codes_are_refused_with_400(string kind, string reason)
    {
        var (admin, serial) = await AccountWithDevice();
        var c = await _api.Codes(serial);
        if (kind == "replayed")
        {
            await Enable(admin, admin.UserId, serial, c.Previous, c.Current);
            await _api.Send(HttpMethod.Post, "/v5/mfa-devices/disable", new { user_id = admin.UserId, serial_number = serial }, admin.Token);
        }
        var (first, second) = kind switch
        {
            "wrong" => (c.Previous, c.Current == "000000" ? "000001" : "000000"),
            "equal" => (c.Current, c.Current),
            "swapped" => (c.Current, c.Previous),
            "skipped" => (c.Previous, c.Next),
            _ => (c.Previous, c.Current),
        };

        var response = await Enable(admin, admin.UserId, serial, first, second);

        var body = await V5Error(response, HttpStatusCode.BadRequest, "IAM.1061", "Invalid TOTP passcode.");
        Assert.Contains(reason, body.Str("error_msg"), StringComparison.Ordinal);
        Assert.False((await List(admin)).GetProperty("mfa_devices")[0].GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Enabling_an_enabled_device_and_reusing_a_name_are_conflicts()
    {
        var (admin, serial) = await AccountWithDevice("shared-name");
        var codes = await _api.Codes(serial);
        await Enable(admin, admin.UserId, serial, codes.Previous, codes.Current);
        var other = await _api.CreateUser(domainId: admin.DomainId);

        var again = await Enable(admin, admin.UserId, serial, codes.Current, codes.Next);
        var sameName = await _api.Send(HttpMethod.Post, "/v5/virtual-mfa-devices", new { virtual_mfa_device_name = "shared-name", user_id = other.UserId }, admin.Token);

        await V5Error(again, HttpStatusCode.Conflict, "IAM.0005", "already bound");
        await V5Error(sameName, HttpStatusCode.Conflict, "IAM.0005", "already exists");
    }

    [Fact]
    public async Task Unknown_users_and_devices_are_not_found()
    {
        var admin = await _api.CreateAccount();

        var unknownUser = await Enable(admin, "0123456789abcdef0123456789abcdef", "iam::x:mfa:y", "123456", "654321");
        var unknownDevice = await Enable(admin, admin.UserId, $"iam::{admin.DomainId}:mfa:none", "123456", "654321");
        var deleteUnknown = await _api.Send(HttpMethod.Delete, $"/v5/virtual-mfa-devices?user_id={admin.UserId}&serial_number=nothing", null, admin.Token);

        await V5Error(unknownUser, HttpStatusCode.NotFound, "IAM.0004", "Could not find user");
        await V5Error(unknownDevice, HttpStatusCode.NotFound, "IAM.0004", "Could not find virtual MFA device");
        await V5Error(deleteUnknown, HttpStatusCode.NotFound, "IAM.0004", "Could not find virtual MFA device");
    }

    [Fact]
    public async Task An_enabled_device_cannot_be_deleted_and_a_disabled_one_cannot_be_disabled()
    {
        var (admin, serial) = await AccountWithDevice();
        var disableIdle = await _api.Send(HttpMethod.Post, "/v5/mfa-devices/disable", new { user_id = admin.UserId, serial_number = serial }, admin.Token);
        var codes = await _api.Codes(serial);
        await Enable(admin, admin.UserId, serial, codes.Previous, codes.Current);

        var deleteEnabled = await _api.Send(HttpMethod.Delete, $"/v5/virtual-mfa-devices?user_id={admin.UserId}&serial_number={Uri.EscapeDataString(serial)}", null, admin.Token);

        await V5Error(disableIdle, HttpStatusCode.Conflict, "IAM.0005", "is not bound");
        await V5Error(deleteEnabled, HttpStatusCode.Conflict, "IAM.0005", "already bound");
        Assert.Single((await List(admin)).GetProperty("mfa_devices").EnumerateArray());
    }

    [Theory]
    [InlineData("serial_number", 151, "PAP5.0041", "invalid serial number")]
    [InlineData("authentication_code_first", 13, "IAM.0073", "'authentication_code_first'")]
    [InlineData("authentication_code_second", 13, "IAM.0073", "'authentication_code_second'")]
    [InlineData("user_id", 33, "IAM.0073", "'user_id'")]
    public async Task Over_long_fields_are_refused(string field, int length, string code, string message)
    {
        var body = new Dictionary<string, string>
        {
            ["user_id"] = "abc",
            ["serial_number"] = "iam::a:mfa:b",
            ["authentication_code_first"] = "123456",
            ["authentication_code_second"] = "654321",
        };
        body[field] = new string('1', length);

        var response = await _api.Send(HttpMethod.Post, "/v5/mfa-devices/enable", body, HttpExtensions.AnyToken);

        await V5Error(response, HttpStatusCode.BadRequest, code, message);
    }

    [Theory]
    [InlineData("user_id")]
    [InlineData("serial_number")]
    [InlineData("authentication_code_first")]
    [InlineData("authentication_code_second")]
    public async Task Each_missing_enable_field_is_a_required_property(string field)
    {
        var body = new Dictionary<string, string> { ["user_id"] = "abc", ["serial_number"] = "s", ["authentication_code_first"] = "1", ["authentication_code_second"] = "2" };
        body.Remove(field);

        var response = await _api.Send(HttpMethod.Post, "/v5/mfa-devices/enable", body, HttpExtensions.AnyToken);

        await V5Error(response, HttpStatusCode.BadRequest, "IAM.0072", $"'{field}' is a required property.");
    }

    [Theory]
    [InlineData("Bad-Name!")]
    [InlineData("")]
    public async Task Device_names_are_letters_digits_underscores_and_hyphens(string name)
    {
        var response = await _api.Send(HttpMethod.Post, "/v5/virtual-mfa-devices", new { virtual_mfa_device_name = name, user_id = "abc" }, HttpExtensions.AnyToken);

        await V5Error(response, HttpStatusCode.BadRequest, "IAM.0073", "'virtual_mfa_device_name'");
    }

    [Fact]
    public async Task A_request_without_credentials_gets_401_with_the_request_id() =>
        await V5Error(await _api.Send(HttpMethod.Get, "/v5/mfa-devices", null, token: null), HttpStatusCode.Unauthorized, "APIGW.0301", "x-auth-token not found");

    [Fact]
    public async Task Paging_over_250_devices_returns_each_exactly_once_even_while_devices_are_added()
    {
        var admin = await _api.CreateAccount();
        var users = new List<TestUser>();
        for (var i = 0; i < 250; i++)
        {
            users.Add(await _api.CreateUser(domainId: admin.DomainId));
        }
        var expected = new HashSet<string>();
        foreach (var (user, i) in users.Select((u, i) => (u, i)))
        {
            expected.Add(await CreateV5(admin, user.UserId, $"d{i:000}"));
        }

        var seen = new List<string>();
        string? marker = null;
        var pages = 0;
        do
        {
            var page = await List(admin, "?limit=100" + (marker is null ? "" : "&marker=" + Uri.EscapeDataString(marker)));
            var devices = page.GetProperty("mfa_devices").EnumerateArray().Select(d => d.Str("serial_number")).ToList();
            Assert.Equal(devices.Count, page.GetProperty("page_info").GetProperty("current_count").GetInt32());
            seen.AddRange(devices);
            marker = page.GetProperty("page_info").TryGetProperty("next_marker", out var next) ? next.GetString() : null;
            if (++pages == 1)
            {
                var late = await _api.CreateUser(domainId: admin.DomainId);
                expected.Add(await CreateV5(admin, late.UserId, "late"));
            }
        }
        while (marker is not null);

        Assert.Equal(3, pages);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(expected.SetEquals(seen));
    }

    [Theory]
    [InlineData("?limit=0", "IAM.0007", "limit")]
    [InlineData("?limit=201", "IAM.0007", "limit")]
    [InlineData("?limit=ten", "IAM.0007", "limit")]
    [InlineData("?marker=abc", "PAP5.0010", "invalid marker")]
    [InlineData("?marker=bm90LWEtbWFya2Vy", "PAP5.0010", "invalid marker")]
    [InlineData("?user_id=not-an-id!", "IAM.0073", "user_id")]
    public async Task Bad_paging_parameters_are_refused(string query, string code, string message)
    {
        var response = await _api.Send(HttpMethod.Get, "/v5/mfa-devices" + query, null, HttpExtensions.AnyToken);

        await V5Error(response, HttpStatusCode.BadRequest, code, message);
    }

    [Fact]
    public async Task Devices_made_through_v3_and_v5_are_one_store_seen_by_both()
    {
        var admin = await _api.CreateAccount();
        var v3User = await _api.CreateUser(domainId: admin.DomainId);
        var v5User = await _api.CreateUser(domainId: admin.DomainId);
        var v3Serial = await _api.CreateV3Device(v3User, v3User.UserId);
        var v5Serial = await CreateV5(admin, v5User.UserId, "v5phone");

        var v5List = await List(admin);
        var v3Show = await (await _api.Send(HttpMethod.Get, $"/v3.0/OS-MFA/users/{v5User.UserId}/virtual-mfa-device", null, admin.Token)).JsonBody();
        var codes = await _api.Codes(v3Serial);
        var enabledThroughV5 = await Enable(admin, v3User.UserId, v3Serial, codes.Previous, codes.Current);
        var v3Rebind = await _api.BindV3(v3User, v3User.UserId, v3Serial, codes.Current, codes.Next);

        Assert.Equal([v3Serial, v5Serial], v5List.GetProperty("mfa_devices").EnumerateArray().Select(d => d.Str("serial_number")));
        Assert.Equal(v5Serial, v3Show.GetProperty("virtual_mfa_device").Str("serial_number"));
        Assert.Equal(HttpStatusCode.OK, enabledThroughV5.StatusCode);
        await IamError(v3Rebind, HttpStatusCode.Conflict, "IAM.0005", "already bound");
    }
}
