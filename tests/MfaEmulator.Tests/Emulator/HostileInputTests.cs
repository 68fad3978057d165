using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Tests.Infrastructure;
using MfaEmulator.Tests.Zitadel.LoginPolicy;
using MfaEmulator.Zitadel;
using static MfaEmulator.Tests.Infrastructure.HuaweiAssert;

namespace MfaEmulator.Tests.Emulator;

/// <summary>
/// Hostile input answers in the vendor's envelope with a 4xx, whole, and changes nothing: one test per case the
/// hostile-input review found (items 1 to 9), in lenient mode.
/// </summary>
public sealed class HostileInputTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    private const string BindPath = "/v3.0/OS-MFA/mfa-devices/bind";
    private readonly HuaweiTestApi _api = new(factory.CreateClient());

    private HttpClient Client => _api.Client;

    private static HttpRequestMessage Raw(HttpMethod method, string path, string body, string contentType, string? authorization = null, string? token = HttpExtensions.AnyToken)
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
        }
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        return request;
    }

    private static string Pat => ZitadelHttp.Bearer(DefaultZitadelInstance.OwnerPat);

    private async Task<string> State() => (await (await Client.GetAsync("/_emulator/state")).JsonBody()).ToString();

    // Item 1: charsets.
    [Theory]
    [InlineData("application/json; charset=utf8")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("application/json;charset=UTF-8")]
    [InlineData("application/json; charset=Utf8")]
    public async Task A_JSON_body_in_any_spelling_of_UTF_8_is_read(string contentType)
    {
        var org = await Client.CreateOrgAsync();
        var token = await Client.PostAsJsonAsync("/_emulator/huawei/users", new { name = "u" + Guid.NewGuid().ToString("N")[..10], password = "Passw0rd!" });
        var user = await token.JsonBody();

        var zitadel = await Client.SendAsync(Raw(HttpMethod.Post, ZitadelHttp.SecondFactors, """{"type":"SECOND_FACTOR_TYPE_OTP"}""", contentType, ZitadelHttp.Bearer(org.Token), token: null));
        var keystone = await Client.SendAsync(Raw(HttpMethod.Post, "/v3/auth/tokens",
            JsonSerializer.Serialize(new { auth = new { identity = new { methods = new[] { "password" }, password = new { user = new { id = user.Str("user_id"), password = "Passw0rd!" } } } } }),
            contentType, token: null));

        Assert.Equal(HttpStatusCode.OK, zitadel.StatusCode);
        Assert.Equal(HttpStatusCode.Created, keystone.StatusCode);
    }

    [Theory]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("application/json; charset=bogus")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=")]
    public async Task Any_other_charset_is_415_in_the_vendors_envelope_and_changes_nothing(string contentType)
    {
        var before = await State();

        var zitadel = await Client.SendAsync(Raw(HttpMethod.Post, ZitadelHttp.SecondFactors, """{"type":"SECOND_FACTOR_TYPE_U2F"}""", contentType, Pat, token: null));
        var hss = await Client.SendAsync(Raw(HttpMethod.Put, "/v5/charset-project/setting/two-factor-login/config",
            """{"enabled":true,"auth_type":"code","host_id_list":["h1"]}""", contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, zitadel.StatusCode);
        Assert.Equal(3, (await zitadel.JsonBody()).GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, hss.StatusCode);
        Assert.Equal("HSS.0002", (await hss.JsonBody()).Str("error_code"));
        Assert.Equal(before, await State());
    }

    // Item 2: duplicate keys.
    [Fact]
    public async Task Duplicate_keys_are_the_vendors_400_change_nothing_and_are_journaled()
    {
        var project = "dup-" + Guid.NewGuid().ToString("N")[..8];
        var hss = await Client.SendAsync(Raw(HttpMethod.Put, $"/v5/{project}/setting/two-factor-login/config",
            """{"enabled":true,"enabled":false,"auth_type":"code","host_id_list":["h1"]}""", "application/json"));
        var bind = await Client.SendAsync(Raw(HttpMethod.Put, BindPath, """{"user_id":"a","user_id":"b"}""", "application/json"));
        var policy = await Client.SendAsync(Raw(HttpMethod.Post, ZitadelHttp.OrgLoginPolicy, """{"allowRegister":true,"allowRegister":false}""", "application/json", Pat, token: null));

        Assert.Equal(HttpStatusCode.BadRequest, hss.StatusCode);
        Assert.Equal("HSS.0002", (await hss.JsonBody()).Str("error_code"));
        await IamError(bind, HttpStatusCode.BadRequest, "IAM.0011", "appears twice");
        await policy.AssertZitadelError(HttpStatusCode.BadRequest, 3, "proto: syntax error: the body is not valid JSON: a property appears twice in one object");
        var hosts = await (await _api.Send(HttpMethod.Get, $"/v5/{project}/setting/two-factor-login/hosts", null, HttpExtensions.AnyToken)).JsonBody();
        Assert.Equal(0, hosts.GetProperty("total_num").GetInt32());
        var journal = await (await Client.GetAsync($"/_emulator/requests?path_prefix=/v5/{project}/setting/two-factor-login/config")).JsonBody();
        var entry = Assert.Single(journal.GetProperty("requests").EnumerateArray());
        Assert.Equal(400, entry.GetProperty("status").GetInt32());
    }

    // Item 3: escaped lone surrogates.
    [Theory]
    [InlineData("PUT", BindPath)]
    [InlineData("POST", "/v5/mfa-devices/enable")]
    [InlineData("PUT", "/v5/p1/setting/two-factor-login/config")]
    [InlineData("POST", "/v3/auth/tokens")]
    [InlineData("POST", "/management/v1/policies/login/second_factors")]
    public async Task An_escaped_lone_surrogate_is_a_whole_400_in_the_envelope(string method, string path)
    {
        foreach (var body in new[] { "\"\\ud800\"", """{"user_id":"\udc00x"}""", """{"\ud800":1}""" })
        {
            var response = await Client.SendAsync(Raw(new HttpMethod(method), path, body, "application/json", path.StartsWith("/management", StringComparison.Ordinal) ? Pat : null));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var envelope = await response.JsonBody();
            Assert.Contains("surrogate", envelope.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_body_nested_deeper_than_64_levels_is_a_400()
    {
        var deep = new string('[', 100) + new string(']', 100);

        var response = await Client.SendAsync(Raw(HttpMethod.Put, BindPath, deep, "application/json"));

        await IamError(response, HttpStatusCode.BadRequest, "IAM.0011", "deeper than 64");
    }

    // Item 4: non-ASCII ids in control routes.
    [Fact]
    public async Task A_host_in_a_project_with_a_non_ASCII_id_is_created_and_its_location_escaped()
    {
        var project = "项目-" + Guid.NewGuid().ToString("N")[..6];

        var response = await Client.PostAsJsonAsync("/_emulator/huawei/hosts", new { project_id = project, host_name = "web-1" });
        var listed = await (await _api.Send(HttpMethod.Get, $"/v5/{Uri.EscapeDataString(project)}/setting/two-factor-login/hosts", null, HttpExtensions.AnyToken)).JsonBody();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/v5/{Uri.EscapeDataString(project)}/setting/two-factor-login/hosts", response.Headers.Location!.OriginalString);
        Assert.Equal(1, listed.GetProperty("total_num").GetInt32());
    }

    // Item 5: state documents.
    public static TheoryData<string> BrokenStates => new()
    {
        "format=1",
        "accounts={}",
        "token.user_id=null",
        "user.password=null",
        "users=[null]",
        "zitadel.instance=null",
        "zitadel.instance={}",
        "policies.default.policy=null",
        "policies.default.policy.second_factors=null",
        "policies.default.active_second_factors=null",
        "token.user_id=nobody",
        "token_key=16 bytes",
        "token_key=not base64",
        "unknown part",
    };

    [Theory]
    [MemberData(nameof(BrokenStates))]
    public async Task A_state_document_that_would_break_later_calls_is_refused_and_changes_nothing(string breakage)
    {
        var document = JsonNode.Parse(await State())!.AsObject();
        Break(document, breakage);
        var before = await State();

        var response = await Client.PutAsync("/_emulator/state", new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("emulator.invalid_state", (await response.JsonBody()).Str("code"));
        Assert.Equal(before, await State());
        var user = await _api.CreateUser();
        Assert.Equal(HttpStatusCode.OK, (await _api.Send(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, user.Token)).StatusCode);
    }

    private static void Break(JsonObject document, string breakage)
    {
        var accounts = document["huawei_accounts"]!.AsObject();
        var policies = document["zitadel_login_policies"]!.AsObject();
        switch (breakage)
        {
            case "format=1": document["format"] = 1; break;
            case "accounts={}": document["huawei_accounts"] = new JsonObject(); break;
            case "token.user_id=null": accounts["tokens"]![0]!["user_id"] = null; break;
            case "token.user_id=nobody": accounts["tokens"]![0]!["user_id"] = "nobody"; break;
            case "user.password=null": accounts["users"]![0]!["password"] = null; break;
            case "users=[null]": accounts["users"]!.AsArray().Add(null); break;
            case "zitadel.instance=null": document["zitadel"]!["instance"] = null; break;
            case "zitadel.instance={}": document["zitadel"]!["instance"] = new JsonObject(); break;
            case "policies.default.policy=null": policies["default"]!["policy"] = null; break;
            case "policies.default.policy.second_factors=null": policies["default"]!["policy"]!["second_factors"] = null; break;
            case "policies.default.active_second_factors=null": policies["default"]!["active_second_factors"] = null; break;
            case "token_key=16 bytes": accounts["token_key"] = Convert.ToBase64String(new byte[16]); break;
            case "token_key=not base64": accounts["token_key"] = "not base64!"; break;
            case "unknown part": document["huawei_acounts"] = new JsonObject(); break;
            default: throw new ArgumentOutOfRangeException(nameof(breakage));
        }
    }

    [Fact]
    public async Task A_state_document_with_duplicate_keys_is_refused_and_changes_nothing()
    {
        var before = await State();

        var response = await Client.PutAsync("/_emulator/state", new StringContent("""{"format":"mfa-emulator-state/1","format":"x"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("appears twice", (await response.JsonBody()).Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before, await State());
    }

    [Fact]
    public async Task A_saved_state_of_5000_devices_loads_back()
    {
        using var own = new EmulatorFactory();
        var client = own.CreateClient();
        var document = JsonNode.Parse(await (await client.GetAsync("/_emulator/state")).Content.ReadAsStringAsync())!.AsObject();
        var devices = new JsonArray();
        for (var i = 1; i <= 5000; i++)
        {
            devices.Add(new JsonObject
            {
                ["serial_number"] = $"iam:{DefaultHuaweiAccount.DomainId}:mfa/device-{i}",
                ["domain_id"] = DefaultHuaweiAccount.DomainId,
                ["user_id"] = $"user{i:D8}",
                ["name"] = $"device-{i}",
                ["base32_string_seed"] = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
                ["sequence"] = i,
            });
        }
        document["huawei_mfa_devices"] = devices;
        var text = document.ToJsonString();

        var response = await client.PutAsync("/_emulator/state", new StringContent(text, Encoding.UTF8, "application/json"));
        var listed = await (await client.SendAsync(HttpExtensions.Json(HttpMethod.Get, "/v5/mfa-devices?limit=200", null, DefaultHuaweiAccount.AdminToken))).JsonBody();

        Assert.True(text.Length > 1024 * 1024, "the document is over the 1 MiB vendor-request limit");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(200, listed.GetProperty("page_info").GetProperty("current_count").GetInt32());
    }

    // Item 6: the clock.
    [Fact]
    public async Task The_clock_cannot_be_set_or_moved_past_what_timestamps_can_hold_and_calls_keep_working()
    {
        using var own = new EmulatorFactory();
        var api = new HuaweiTestApi(own.CreateClient());

        var frozen = await api.Client.PutAsJsonAsync("/_emulator/clock", new { frozen_at = "9999-12-31T00:00:00Z" });
        HttpResponseMessage advanced;
        var advances = 0;
        do
        {
            advanced = await api.Client.PostAsJsonAsync("/_emulator/clock/advance", new { seconds = 3_155_760_000 });
        }
        while (advanced.StatusCode == HttpStatusCode.OK && ++advances < 100);
        var user = await api.CreateUser();
        var token = await api.Send(HttpMethod.Post, "/v3/auth/tokens", new
        {
            auth = new { identity = new { methods = new[] { "password" }, password = new { user = new { id = user.UserId, password = user.Password } } } },
        }, token: null);

        Assert.Equal(HttpStatusCode.BadRequest, frozen.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, advanced.StatusCode);
        Assert.InRange(advances, 60, 80);
        Assert.Equal(HttpStatusCode.Created, token.StatusCode);
    }

    // Item 8: memory bounded. Issued tokens are sealed, not kept (TokenSeal): the state holds only fixed ones.
    [Fact]
    public async Task Issued_tokens_are_not_kept_and_are_still_answered_expired_two_days_later()
    {
        using var own = new EmulatorFactory();
        var api = new HuaweiTestApi(own.CreateClient());
        var user = await api.CreateUser();
        object Password() => new { auth = new { identity = new { methods = new[] { "password" }, password = new { user = new { id = user.UserId, password = user.Password } } } } };
        var tokens = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var issued = await api.Send(HttpMethod.Post, "/v3/auth/tokens", Password(), token: null);
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
            tokens.Add(issued.Headers.GetValues("X-Subject-Token").Single());
        }
        var state = (await (await api.Client.GetAsync("/_emulator/state")).JsonBody()).GetProperty("huawei_accounts");
        var first = await api.Send(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, tokens[0]);

        await api.AdvanceClock(49 * 3600);
        var expired = await api.Send(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices", null, tokens[0]);

        Assert.Equal(20, tokens.Distinct().Count());
        Assert.Equal(DefaultHuaweiAccount.AdminToken, Assert.Single(state.GetProperty("tokens").EnumerateArray()).Str("token"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await GatewayError(expired, HttpStatusCode.Unauthorized, "APIGW.0307", "token expires");
    }

    [Fact]
    public async Task The_journal_keeps_a_bounded_cut_of_a_large_body_and_marks_it()
    {
        var large = JsonSerializer.Serialize(new { user_id = "x", serial_number = new string('s', 200_000) });

        await Client.SendAsync(Raw(HttpMethod.Put, BindPath, large, "application/json"));
        var journal = await (await Client.GetAsync($"/_emulator/requests?path_prefix={BindPath}&limit=1")).JsonBody();

        var body = journal.GetProperty("requests")[0].Str("body");
        Assert.InRange(body.Length, 4096, 4200);
        Assert.Contains("[truncated", body, StringComparison.Ordinal);
    }

    // Item 9: secrets wherever they sit.
    [Fact]
    public async Task Secrets_inside_arrays_objects_and_key_headers_never_reach_the_journal()
    {
        var request = Raw(HttpMethod.Put, BindPath, """{"user_id":"x","passwords":["hunter2-in-array"],"credentials":{"secret":"hunter2-in-object"},"items":[{"password":"hunter2-nested"}]}""", "application/json");
        request.Headers.TryAddWithoutValidation("X-Api-Key", "hunter2-api-key");

        await Client.SendAsync(request);
        var journal = (await (await Client.GetAsync($"/_emulator/requests?path_prefix={BindPath}&limit=5")).JsonBody()).ToString();

        Assert.DoesNotContain("hunter2", journal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_OpenAPI_document_is_a_404_in_problem_details()
    {
        var response = await Client.GetAsync("/openapi/v2.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
