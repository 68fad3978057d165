using System.Net;
using System.Text.Json;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Tests.Infrastructure;
using static MfaEmulator.Tests.Infrastructure.HttpExtensions;

namespace MfaEmulator.Tests.Huawei.Hss;

public sealed class HssEndpointsTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    private const string SeedHost = "09724867-7b91-482d-9702-daf9113f1b62";
    private readonly HttpClient _client = factory.CreateClient();
    private readonly string _project = "p" + Guid.NewGuid().ToString("N");

    /// <summary>The example request of seed 000, verbatim.</summary>
    private static Dictionary<string, object?> SeedExample() => new()
    {
        ["enabled"] = true,
        ["auth_type"] = "sms",
        ["topic_display_name"] = "liuzhaoli",
        ["topic_urn"] = "urn:smn:cn-north-4:06ff15244b2748b49e69c2140b319e9e:liuzhaoling",
        ["host_id_list"] = new[] { SeedHost },
    };

    private string ConfigPath => $"/v5/{_project}/setting/two-factor-login/config";

    private Task<HttpResponseMessage> Configure(object body, string? query = null, string? token = AnyToken) =>
        _client.SendAsync(Json(HttpMethod.Put, ConfigPath + query, body, token));

    private async Task<JsonElement> ListHosts(string project, string query = "")
    {
        var response = await _client.SendAsync(Json(HttpMethod.Get, $"/v5/{project}/setting/two-factor-login/hosts{query}", null));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonBody();
    }

    private static async Task AssertHssError(HttpResponseMessage response, HttpStatusCode status, string code, string messagePart)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await response.JsonBody();
        Assert.Equal(code, body.Str("error_code"));
        Assert.Contains(messagePart, body.Str("error_msg"), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("X-Request-Id"));
    }

    [Fact]
    public async Task The_seed_example_succeeds_with_no_set_up_and_the_hosts_list_shows_it()
    {
        var response = await Configure(SeedExample());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("X-Request-Id").Single());
        var list = await ListHosts(_project, "?limit=10&offset=0");
        Assert.Equal(1, list.GetProperty("total_num").GetInt32());
        var host = list.GetProperty("data_list")[0];
        Assert.Equal(SeedHost, host.Str("host_id"));
        Assert.True(host.GetProperty("auth_switch").GetBoolean());
        Assert.Equal("sms", host.Str("auth_type"));
        Assert.Equal("liuzhaoli", host.Str("topic_display_name"));
        Assert.Equal("urn:smn:cn-north-4:06ff15244b2748b49e69c2140b319e9e:liuzhaoling", host.Str("topic_urn"));
    }

    [Fact]
    public async Task Enabled_false_switches_the_listed_hosts_off_and_leaves_the_others_alone()
    {
        var both = SeedExample();
        both["host_id_list"] = new[] { "host-a", "host-b" };
        await Configure(both);
        var offForA = new Dictionary<string, object?> { ["enabled"] = false, ["auth_type"] = "code", ["host_id_list"] = new[] { "host-a" } };

        var response = await Configure(offForA);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hosts = (await ListHosts(_project)).GetProperty("data_list").EnumerateArray().ToDictionary(h => h.Str("host_id"));
        Assert.False(hosts["host-a"].GetProperty("auth_switch").GetBoolean());
        Assert.Equal("code", hosts["host-a"].Str("auth_type"));
        Assert.True(hosts["host-b"].GetProperty("auth_switch").GetBoolean());
        Assert.Equal("sms", hosts["host-b"].Str("auth_type"));
    }

    [Fact]
    public async Task Code_verification_needs_no_topic()
    {
        var response = await Configure(new { enabled = true, auth_type = "code", host_id_list = new[] { "h1" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var host = (await ListHosts(_project)).GetProperty("data_list")[0];
        Assert.Equal("code", host.Str("auth_type"));
        Assert.False(host.TryGetProperty("topic_urn", out _));
    }

    [Theory]
    [InlineData("enabled", "'enabled' is required")]
    [InlineData("auth_type", "'auth_type' is required")]
    [InlineData("host_id_list", "'host_id_list' is required")]
    [InlineData("topic_display_name", "'topic_display_name' is required when auth_type is 'sms'")]
    [InlineData("topic_urn", "'topic_urn' is required when auth_type is 'sms'")]
    public async Task Each_required_field_missing_is_an_invalid_parameter(string field, string message)
    {
        var body = SeedExample();
        body.Remove(field);

        var response = await Configure(body);

        await AssertHssError(response, HttpStatusCode.BadRequest, "HSS.0001", message);
        Assert.Equal(0, (await ListHosts(_project)).GetProperty("total_num").GetInt32());
    }

    [Theory]
    [InlineData("\"totp\"", "'auth_type' must be 'sms' or 'code', not 'totp'")]
    [InlineData("\"SMS\"", "'auth_type' must be 'sms' or 'code', not 'SMS'")]
    [InlineData("7", "'auth_type' has the wrong JSON type")]
    public async Task An_unknown_auth_type_is_refused(string authType, string message)
    {
        var response = await Configure($$"""{"enabled":true,"auth_type":{{authType}},"host_id_list":["h"]}""");

        await AssertHssError(response, HttpStatusCode.BadRequest, "HSS.0001", message);
    }

    [Fact]
    public async Task An_empty_host_list_is_refused() =>
        await AssertHssError(await Configure(new { enabled = true, auth_type = "code", host_id_list = Array.Empty<string>() }),
            HttpStatusCode.BadRequest, "HSS.0001", "'host_id_list' must list 1 to 1000 host ids");

    [Fact]
    public async Task A_blank_host_id_is_refused_and_nothing_is_written()
    {
        var response = await Configure(new { enabled = true, auth_type = "code", host_id_list = new[] { "good", " " } });

        await AssertHssError(response, HttpStatusCode.BadRequest, "HSS.0001", "each host id");
        Assert.Equal(0, (await ListHosts(_project)).GetProperty("total_num").GetInt32());
    }

    [Fact]
    public async Task A_project_id_over_256_characters_is_refused()
    {
        var response = await _client.SendAsync(Json(HttpMethod.Put, $"/v5/{new string('p', 257)}/setting/two-factor-login/config", SeedExample()));

        await AssertHssError(response, HttpStatusCode.BadRequest, "HSS.0001", "'project_id' must be 1 to 256 characters");
    }

    [Fact]
    public async Task A_project_id_of_exactly_256_characters_is_accepted()
    {
        var response = await _client.SendAsync(Json(HttpMethod.Put, $"/v5/{new string('p', 256)}/setting/two-factor-login/config", SeedExample()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(257)]
    public async Task An_empty_or_oversized_enterprise_project_id_is_refused(int length) =>
        await AssertHssError(await Configure(SeedExample(), "?enterprise_project_id=" + new string('e', length)), HttpStatusCode.BadRequest, "HSS.0001", "'enterprise_project_id' must be 1 to 256 characters");

    [Fact]
    public async Task A_request_without_credentials_gets_the_gateway_401()
    {
        var response = await Configure(SeedExample(), token: null);

        await AssertHssError(response, HttpStatusCode.Unauthorized, "APIGW.0301", "x-auth-token not found");
        var body = await response.JsonBody();
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), body.Str("request_id"));
    }

    [Fact]
    public async Task A_token_over_32768_characters_is_refused() =>
        await AssertHssError(await Configure(SeedExample(), token: new string('t', 32_769)), HttpStatusCode.Unauthorized, "APIGW.0301", "longer than 32768");

    [Fact]
    public async Task Credentials_are_checked_before_the_body()
    {
        var response = await Configure("{not json", token: null);

        await AssertHssError(response, HttpStatusCode.Unauthorized, "APIGW.0301", "x-auth-token not found");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public async Task A_body_that_is_not_a_JSON_object_is_refused(string raw)
    {
        var response = await Configure(raw);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonBody();
        Assert.StartsWith("HSS.000", body.Str("error_code"), StringComparison.Ordinal);
        Assert.Equal(["error_code", "error_msg"], body.PropertyNames());
    }

    [Fact]
    public async Task A_wrong_JSON_type_names_the_field()
    {
        var response = await Configure("""{"enabled":"yes","auth_type":"code","host_id_list":["h"]}""");

        await AssertHssError(response, HttpStatusCode.BadRequest, "HSS.0001", "'enabled' has the wrong JSON type");
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_content_gets_415_in_the_HSS_envelope()
    {
        var request = Json(HttpMethod.Put, ConfigPath, null);
        request.Content = new StringContent("enabled=true", System.Text.Encoding.UTF8, "text/plain");

        var response = await _client.SendAsync(request);

        await AssertHssError(response, HttpStatusCode.UnsupportedMediaType, "HSS.0002", "Content-Type: application/json");
    }

    [Fact]
    public async Task An_oversized_body_gets_413_in_the_gateway_envelope()
    {
        var body = SeedExample();
        body["topic_display_name"] = new string('x', 1024 * 1024 + 1);

        var response = await Configure(body);

        await AssertHssError(response, HttpStatusCode.RequestEntityTooLarge, "APIGW.0201", "Request entity too large");
    }

    [Fact]
    public async Task Unknown_routes_and_methods_get_the_gateway_404()
    {
        var unknown = await _client.SendAsync(Json(HttpMethod.Get, $"/v5/{_project}/setting/nothing", null));
        var wrongMethod = await _client.SendAsync(Json(HttpMethod.Delete, ConfigPath, null));

        await AssertHssError(unknown, HttpStatusCode.NotFound, "APIGW.0101", "The API does not exist");
        await AssertHssError(wrongMethod, HttpStatusCode.NotFound, "APIGW.0101", "DELETE");
    }

    [Fact]
    public async Task Two_projects_are_isolated()
    {
        var other = "p" + Guid.NewGuid().ToString("N");

        await Configure(SeedExample());

        Assert.Equal(1, (await ListHosts(_project)).GetProperty("total_num").GetInt32());
        Assert.Equal(0, (await ListHosts(other)).GetProperty("total_num").GetInt32());
    }

    [Fact]
    public async Task Enterprise_projects_scope_the_hosts_and_all_granted_eps_lists_every_one()
    {
        var inEps = SeedExample();
        inEps["host_id_list"] = new[] { "eps-host" };
        await Configure(inEps, "?enterprise_project_id=eps-1");
        await Configure(SeedExample());

        Assert.Equal(1, (await ListHosts(_project, "?enterprise_project_id=eps-1")).GetProperty("total_num").GetInt32());
        Assert.Equal(1, (await ListHosts(_project, "?enterprise_project_id=0")).GetProperty("total_num").GetInt32());
        Assert.Equal(2, (await ListHosts(_project, "?enterprise_project_id=all_granted_eps")).GetProperty("total_num").GetInt32());
        var crossing = await Configure(inEps, "?enterprise_project_id=0");
        await AssertHssError(crossing, HttpStatusCode.BadRequest, "HSS.0011", "eps-host is not in enterprise project 0");
    }

    [Fact]
    public async Task The_hosts_list_pages_with_limit_and_offset_and_filters_by_name()
    {
        var many = SeedExample();
        many["host_id_list"] = Enumerable.Range(0, 25).Select(i => $"h{i:00}").ToArray();
        await Configure(many);

        var page = await ListHosts(_project, "?limit=10&offset=20");
        var byName = await ListHosts(_project, "?host_name=host-h07");

        Assert.Equal(25, page.GetProperty("total_num").GetInt32());
        Assert.Equal(5, page.GetProperty("data_list").GetArrayLength());
        Assert.Equal(1, byName.GetProperty("total_num").GetInt32());
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=201")]
    [InlineData("?limit=ten")]
    [InlineData("?offset=-1")]
    public async Task Bad_paging_values_are_refused(string query)
    {
        var response = await _client.SendAsync(Json(HttpMethod.Get, $"/v5/{_project}/setting/two-factor-login/hosts{query}", null));

        await AssertHssError(response, HttpStatusCode.BadRequest, "HSS.0001", "must be an integer");
    }

    [Fact]
    public async Task An_AK_SK_signed_request_is_accepted_as_the_SDKs_send_it()
    {
        var request = await Json(HttpMethod.Put, ConfigPath, SeedExample(), token: null)
            .SignAsync(DefaultHuaweiAccount.AdminAccessKey, DefaultHuaweiAccount.AdminSecretKey, DateTimeOffset.UtcNow);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_malformed_signature_header_is_refused()
    {
        var request = Json(HttpMethod.Put, ConfigPath, SeedExample(), token: null);
        request.Headers.TryAddWithoutValidation("Authorization", "SDK-HMAC-SHA256 Access=AK");

        var response = await _client.SendAsync(request);

        await AssertHssError(response, HttpStatusCode.Unauthorized, "APIGW.0301", "verify aksk signature fail");
    }
}
