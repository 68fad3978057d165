using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Tests.Infrastructure;
using static MfaEmulator.Tests.Infrastructure.HuaweiAssert;

namespace MfaEmulator.Tests.Emulator;

/// <summary>What a test in any language does with plain HTTP: users, codes, clock, faults, journal, reset, state.</summary>
public sealed class ControlRoutesTests : IDisposable
{
    private readonly EmulatorFactory _factory = new();
    private readonly HuaweiTestApi _api;

    public ControlRoutesTests() => _api = new HuaweiTestApi(_factory.CreateClient());

    public void Dispose() => _factory.Dispose();

    private async Task<JsonElement> Get(string path) => await (await _api.Client.GetAsync(path)).JsonBody();

    private static async Task Problem(HttpResponseMessage response, HttpStatusCode status, string detailPart)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.JsonBody();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.Contains(detailPart, body.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_test_with_plain_HTTP_binds_with_codes_from_the_emulator_and_sees_the_clock_move_them()
    {
        var frozen = await _api.Client.PutAsJsonAsync("/_emulator/clock", new { frozen_at = "2030-01-01T00:00:10Z" });
        var user = await _api.CreateUser();
        var serial = await _api.CreateV3Device(user, user.UserId);

        var before = await Get($"/_emulator/mfa-devices/codes?serial_number={Uri.EscapeDataString(serial)}");
        await _api.AdvanceClock(30);
        var after = await Get($"/_emulator/mfa-devices/codes?serial_number={Uri.EscapeDataString(serial)}");
        var bind = await _api.BindV3(user, user.UserId, serial, after.Str("previous"), after.Str("current"));

        Assert.Equal(HttpStatusCode.OK, frozen.StatusCode);
        Assert.Equal("frozen", (await frozen.JsonBody()).Str("mode"));
        Assert.Equal(20, before.GetProperty("valid_for_seconds").GetInt32());
        Assert.Equal(30, before.GetProperty("step_seconds").GetInt32());
        Assert.Equal(before.Str("current"), after.Str("previous"));
        Assert.Equal(before.Str("next"), after.Str("current"));
        Assert.Equal(HttpStatusCode.NoContent, bind.StatusCode);
        Assert.Equal("2030-01-01T00:00:40+00:00", (await Get("/_emulator/clock")).GetProperty("now").GetDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Codes_of_an_unknown_serial_are_not_found() =>
        await Problem(await _api.Client.GetAsync("/_emulator/mfa-devices/codes?serial_number=nope"), HttpStatusCode.NotFound, "nope");

    [Theory]
    [InlineData("""{"frozen_at":"2030-01-01T00:00:00Z","offset_seconds":5}""", "exactly one")]
    [InlineData("""{"mode":"fast"}""", "'mode'")]
    [InlineData("""{}""", "exactly one")]
    public async Task Bad_clock_settings_are_refused(string body, string detail) =>
        await Problem(await _api.Client.PutAsync("/_emulator/clock", new StringContent(body, System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, detail);

    [Fact]
    public async Task The_clock_can_be_shifted_and_returned_to_system_time()
    {
        var shifted = await (await _api.Client.PutAsJsonAsync("/_emulator/clock", new { offset_seconds = 3600 })).JsonBody();
        var system = await (await _api.Client.PutAsJsonAsync("/_emulator/clock", new { mode = "system" })).JsonBody();

        Assert.Equal("offset", shifted.Str("mode"));
        Assert.Equal(3600, shifted.GetProperty("offset_seconds").GetDouble());
        Assert.Equal("system", system.Str("mode"));
        Assert.True((system.GetProperty("now").GetDateTimeOffset() - DateTimeOffset.UtcNow).Duration() < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task An_injected_500_hits_the_next_bind_in_IAMs_envelope_and_then_is_spent()
    {
        var user = await _api.CreateUser();
        var serial = await _api.CreateV3Device(user, user.UserId);
        var fault = await _api.Client.PostAsJsonAsync("/_emulator/faults", new { method = "PUT", path_prefix = "/v3.0/OS-MFA/mfa-devices/bind", status = 500 });
        var codes = await _api.Codes(serial);

        var failed = await _api.BindV3(user, user.UserId, serial, codes.Previous, codes.Current);
        var retried = await _api.BindV3(user, user.UserId, serial, codes.Previous, codes.Current);

        Assert.Equal(HttpStatusCode.Created, fault.StatusCode);
        Assert.Matches("^[0-9a-f]{16}$", (await fault.JsonBody()).Str("id"));
        await IamError(failed, HttpStatusCode.InternalServerError, "IAM.0006", "unexpected error");
        Assert.Equal(HttpStatusCode.NoContent, retried.StatusCode);
        Assert.Equal(0, (await Get("/_emulator/faults")).GetArrayLength());
    }

    [Fact]
    public async Task Faults_answer_in_each_vendors_envelope_count_down_and_can_be_disarmed()
    {
        await _api.Client.PostAsJsonAsync("/_emulator/faults", new { path_prefix = "/v5/mfa-devices", status = 429, count = 2 });
        var other = await (await _api.Client.PostAsJsonAsync("/_emulator/faults", new { path_prefix = "/v5/p1/setting", status = 503 })).JsonBody();

        var first = await _api.Send(HttpMethod.Get, "/v5/mfa-devices", null, HttpExtensions.AnyToken);
        var second = await _api.Send(HttpMethod.Get, "/v5/mfa-devices", null, HttpExtensions.AnyToken);
        var third = await _api.Send(HttpMethod.Get, "/v5/mfa-devices", null, HttpExtensions.AnyToken);
        var removed = await _api.Client.DeleteAsync($"/_emulator/faults/{other.Str("id")}");
        var hss = await _api.Send(HttpMethod.Get, "/v5/p1/setting/two-factor-login/hosts", null, HttpExtensions.AnyToken);

        await V5Error(first, HttpStatusCode.TooManyRequests, "IAM.0012", "throttling");
        await V5Error(second, HttpStatusCode.TooManyRequests, "IAM.0012", "throttling");
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, hss.StatusCode);
    }

    [Fact]
    public async Task A_delay_fault_slows_the_call_without_failing_it()
    {
        await _api.Client.PostAsJsonAsync("/_emulator/faults", new { path_prefix = "/v5/mfa-devices", delay_ms = 300 });

        var started = System.Diagnostics.Stopwatch.StartNew();
        var response = await _api.Send(HttpMethod.Get, "/v5/mfa-devices", null, HttpExtensions.AnyToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(started.ElapsedMilliseconds >= 250, $"took {started.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData("""{"status":500}""", "'path_prefix' is required")]
    [InlineData("""{"path_prefix":"/_emulator/reset","status":500}""", "not /_emulator")]
    [InlineData("""{"path_prefix":"/v5","status":200}""", "'status'")]
    [InlineData("""{"path_prefix":"/v5"}""", "Give a 'status'")]
    [InlineData("""{"path_prefix":"/v5","status":"500"}""", "wrong JSON type")]
    public async Task Bad_faults_are_refused(string body, string detail) =>
        await Problem(await _api.Client.PostAsync("/_emulator/faults", new StringContent(body, System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, detail);

    [Fact]
    public async Task The_journal_shows_what_a_client_sent_with_every_secret_redacted()
    {
        var user = await _api.CreateUser();
        var serial = await _api.CreateV3Device(user, user.UserId);
        var codes = await _api.Codes(serial);
        await _api.BindV3(user, user.UserId, serial, codes.Previous, codes.Current);
        var signed = await HttpExtensions.Json(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices?limit=1", null, token: null)
            .SignAsync(user.AccessKey, user.SecretKey, DateTimeOffset.UtcNow);
        await _api.Client.SendAsync(signed);
        await _api.Send(HttpMethod.Post, "/v3/auth/tokens", new { auth = new { identity = new { methods = new[] { "password" }, password = new { user = new { id = user.UserId, password = user.Password } } } } }, token: null);

        var journal = await Get("/_emulator/requests?limit=10");
        var text = journal.ToString();
        var entries = journal.GetProperty("requests").EnumerateArray().ToList();

        Assert.Equal("/v3/auth/tokens", entries[0].Str("path"));
        Assert.Equal(201, entries[0].GetProperty("status").GetInt32());
        var bind = entries.Single(e => e.Str("path") == "/v3.0/OS-MFA/mfa-devices/bind");
        Assert.Equal("PUT", bind.Str("method"));
        Assert.Equal(204, bind.GetProperty("status").GetInt32());
        Assert.Equal("***", bind.GetProperty("headers").Str("X-Auth-Token"));
        var bindBody = JsonDocument.Parse(bind.Str("body")).RootElement;
        Assert.Equal(serial, bindBody.Str("serial_number"));
        Assert.Equal("***", bindBody.Str("authentication_code_first"));
        Assert.Matches("^[0-9a-f]{32}$", bind.Str("request_id"));
        var signedEntry = entries.Single(e => e.Str("path") == "/v3.0/OS-MFA/virtual-mfa-devices" && e.Str("method") == "GET");
        Assert.Contains($"Access={user.AccessKey}", signedEntry.GetProperty("headers").Str("Authorization"), StringComparison.Ordinal);
        Assert.Contains("Signature=***", signedEntry.GetProperty("headers").Str("Authorization"), StringComparison.Ordinal);
        foreach (var secret in new[] { user.Token, user.SecretKey, user.Password, codes.Previous, codes.Current })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(entries, e => e.Str("path").StartsWith("/_emulator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_journal_filters_by_path_prefix_and_can_be_cleared()
    {
        await _api.Send(HttpMethod.Get, "/v5/mfa-devices", null, HttpExtensions.AnyToken);
        await _api.Send(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, HttpExtensions.AnyToken);

        var filtered = await Get("/_emulator/requests?path_prefix=/v5");
        var cleared = await _api.Client.DeleteAsync("/_emulator/requests");
        var after = await Get("/_emulator/requests");

        Assert.Equal(["/v5/mfa-devices"], filtered.GetProperty("requests").EnumerateArray().Select(e => e.Str("path")));
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(0, after.GetProperty("requests").GetArrayLength());
    }

    [Fact]
    public async Task A_full_reset_forgets_everything_but_brings_the_default_identities_back()
    {
        var user = await _api.CreateUser();
        await _api.CreateV3Device(user, user.UserId);

        var reset = await _api.Client.PostAsync("/_emulator/reset", null);
        var oldToken = await _api.Send(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, user.Token);
        var adminToken = await _api.Send(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, DefaultHuaweiAccount.AdminToken);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, oldToken.StatusCode);
        Assert.Equal(0, (await oldToken.JsonBody()).GetProperty("virtual_mfa_devices").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, adminToken.StatusCode);
    }

    [Fact]
    public async Task Resetting_one_account_leaves_the_others_alone()
    {
        var a = await _api.CreateAccount();
        var b = await _api.CreateAccount();
        await _api.CreateV3Device(a, a.UserId);
        var serialB = await _api.CreateV3Device(b, b.UserId);
        await _api.Client.PostAsJsonAsync("/_emulator/huawei/hosts", new { project_id = "proj-keep", host_name = "web-1" });

        var reset = await _api.Client.PostAsJsonAsync("/_emulator/reset", new { domain_id = a.DomainId });
        var aGone = await _api.Send(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, a.Token);
        var bList = await (await _api.Send(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, b.Token)).JsonBody();
        var hosts = await (await _api.Send(HttpMethod.Get, "/v5/proj-keep/setting/two-factor-login/hosts", null, b.Token)).JsonBody();

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, aGone.StatusCode); // lenient: an unknown token is the default administrator
        Assert.Equal(0, (await aGone.JsonBody()).GetProperty("virtual_mfa_devices").GetArrayLength());
        Assert.Equal(serialB, bList.GetProperty("virtual_mfa_devices")[0].Str("serial_number"));
        Assert.Equal("web-1", hosts.GetProperty("data_list")[0].Str("host_name"));
    }

    [Fact]
    public async Task Resetting_one_project_forgets_only_its_hosts()
    {
        await _api.Client.PostAsJsonAsync("/_emulator/huawei/hosts", new { project_id = "p-a", host_name = "a" });
        await _api.Client.PostAsJsonAsync("/_emulator/huawei/hosts", new { project_id = "p-b", host_name = "b" });

        await _api.Client.PostAsJsonAsync("/_emulator/reset", new { project_id = "p-a" });

        Assert.Equal(0, (await (await _api.Send(HttpMethod.Get, "/v5/p-a/setting/two-factor-login/hosts", null, HttpExtensions.AnyToken)).JsonBody()).GetProperty("total_num").GetInt32());
        Assert.Equal(1, (await (await _api.Send(HttpMethod.Get, "/v5/p-b/setting/two-factor-login/hosts", null, HttpExtensions.AnyToken)).JsonBody()).GetProperty("total_num").GetInt32());
    }

    [Fact]
    public async Task Naming_two_tenants_in_one_reset_is_refused() =>
        await Problem(await _api.Client.PostAsJsonAsync("/_emulator/reset", new { domain_id = "a", project_id = "b" }), HttpStatusCode.BadRequest, "at most one tenant");

    [Fact]
    public async Task The_state_round_trips_through_GET_and_PUT()
    {
        var user = await _api.CreateUser();
        var serial = await _api.CreateV3Device(user, user.UserId);
        var exported = await _api.Client.GetStringAsync("/_emulator/state");

        await _api.Client.PostAsync("/_emulator/reset", null);
        var put = await _api.Client.PutAsync("/_emulator/state", new StringContent(exported, System.Text.Encoding.UTF8, "application/json"));
        var again = await _api.Client.GetStringAsync("/_emulator/state");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(JsonDocument.Parse(exported).RootElement.ToString(), JsonDocument.Parse(again).RootElement.ToString());
        var shown = await _api.Send(HttpMethod.Get, $"/v3.0/OS-MFA/users/{user.UserId}/virtual-mfa-device", null, user.Token);
        Assert.Equal(serial, (await shown.JsonBody()).GetProperty("virtual_mfa_device").Str("serial_number"));
    }

    [Theory]
    [InlineData("""{"format":"other"}""", "format")]
    [InlineData("""{"format":"mfa-emulator-state/1","huawei_accounts":{"domains":"nope"}}""", "nothing was changed")]
    [InlineData("""{"format":"mfa-emulator-state/1","huawei_mfa_devices":[{"serial_number":"iam:d:mfa/x","domain_id":"d","user_id":"u","name":"x","base32_string_seed":"not base32!","sequence":1}]}""", "a TOTP seed must be non-empty base32 text")]
    public async Task A_state_document_that_does_not_fit_changes_nothing(string document, string detail)
    {
        var user = await _api.CreateUser();

        var put = await _api.Client.PutAsync("/_emulator/state", new StringContent(document, System.Text.Encoding.UTF8, "application/json"));

        await Problem(put, HttpStatusCode.BadRequest, detail);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Send(HttpMethod.Get, $"/v3.0/OS-MFA/users/{user.UserId}/virtual-mfa-device", null, user.Token)).StatusCode);
    }

    [Fact]
    public async Task Accounts_made_in_bulk_each_have_an_administrator_a_token_and_a_device()
    {
        var response = await _api.Client.PostAsJsonAsync("/_emulator/huawei/accounts/bulk", new { count = 3, device = true });
        var body = await response.JsonBody();
        var first = body.GetProperty("first");
        var shown = await _api.Send(HttpMethod.Get, $"/v3.0/OS-MFA/users/{first.Str("user_id")}/virtual-mfa-device", null, first.Str("token"));
        var state = await Get("/_emulator/state");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, body.GetProperty("created").GetInt32());
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(body.Str("first_device_serial"), (await shown.JsonBody()).GetProperty("virtual_mfa_device").Str("serial_number"));
        Assert.Equal(3, state.GetProperty("huawei_accounts").GetProperty("users").EnumerateArray().Count(u => u.Str("name") == "bulk-admin"));
        Assert.Equal(3, state.GetProperty("huawei_mfa_devices").GetArrayLength());
    }

    [Theory]
    [InlineData("{}", "'count' is required.")]
    [InlineData("""{"count":0}""", "'count' is 1 to 100000.")]
    [InlineData("""{"count":100001,"device":true}""", "'count' is 1 to 100000.")]
    public async Task A_bulk_count_out_of_range_is_refused_and_makes_nothing(string json, string detail)
    {
        var response = await _api.Client.PostAsync("/_emulator/huawei/accounts/bulk", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await Problem(response, HttpStatusCode.BadRequest, detail);
        Assert.Single((await Get("/_emulator/state")).GetProperty("huawei_accounts").GetProperty("users").EnumerateArray());
    }

    [Fact]
    public async Task An_admin_user_without_a_domain_gets_a_new_account_and_others_join_the_default_one()
    {
        var admin = await _api.CreateAccount();
        var plain = await _api.CreateUser();
        var duplicate = await _api.Client.PostAsJsonAsync("/_emulator/huawei/users", new { name = plain.Name });
        var unknownDomain = await _api.Client.PostAsJsonAsync("/_emulator/huawei/users", new { name = "x", domain_id = "ffffffffffffffffffffffffffffffff" });
        var invalid = await _api.Client.PostAsJsonAsync("/_emulator/huawei/users", new { password = "x" });

        Assert.NotEqual(DefaultHuaweiAccount.DomainId, admin.DomainId);
        Assert.Equal(DefaultHuaweiAccount.DomainId, plain.DomainId);
        Assert.Matches("^[0-9a-f]{32}$", admin.UserId);
        await Problem(duplicate, HttpStatusCode.Conflict, plain.Name);
        await Problem(unknownDomain, HttpStatusCode.NotFound, "ffffffffffffffffffffffffffffffff");
        await Problem(invalid, HttpStatusCode.BadRequest, "'name' is required.");
    }

    [Fact]
    public async Task A_fault_on_a_ZITADEL_route_answers_in_the_gateway_shape()
    {
        await _api.Client.PostAsJsonAsync("/_emulator/faults", new { method = "POST", path_prefix = "/management/v1/policies/login/second_factors", status = 500 });

        var response = await _api.Client.SendAsync(HttpExtensions.Json(HttpMethod.Post, "/management/v1/policies/login/second_factors", new { type = "SECOND_FACTOR_TYPE_OTP" }, token: null).Bearer("any"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.JsonBody();
        Assert.Equal(13, body.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.Str("message")));
    }

    [Fact]
    public async Task The_journal_keeps_only_the_configured_number_of_requests()
    {
        using var small = new EmulatorFactory(new Dictionary<string, string?> { ["Emulator:JournalSize"] = "2" });
        var client = small.CreateClient();
        foreach (var project in new[] { "a", "b", "c" })
        {
            await client.SendAsync(HttpExtensions.Json(HttpMethod.Get, $"/v5/{project}/setting/two-factor-login/hosts", null));
        }

        var journal = await (await client.GetAsync("/_emulator/requests?limit=10")).JsonBody();

        Assert.Equal(2, journal.GetProperty("capacity").GetInt32());
        Assert.Equal(["/v5/c/setting/two-factor-login/hosts", "/v5/b/setting/two-factor-login/hosts"],
            journal.GetProperty("requests").EnumerateArray().Select(e => e.Str("path")));
    }
}
