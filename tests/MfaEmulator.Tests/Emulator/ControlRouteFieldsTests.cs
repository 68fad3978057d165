using System.Net;
using System.Net.Http.Json;
using MfaEmulator.Tests.Infrastructure;

namespace MfaEmulator.Tests.Emulator;

/// <summary>Control routes take what seed files take (fixed ids and tokens) and refuse fields they do not know.</summary>
public sealed class ControlRouteFieldsTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_ZITADEL_org_and_token_keep_the_ids_and_tokens_given_and_refuse_taken_ones()
    {
        var orgId = "4" + Random.Shared.NextInt64(10_000_000_000_000_000, 99_999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ownerToken = "owner-" + Guid.NewGuid().ToString("N");
        var viewerToken = "viewer-" + Guid.NewGuid().ToString("N");

        var org = await _client.PostAsJsonAsync("/_emulator/zitadel/orgs", new { name = "fixed", org_id = orgId, token = ownerToken });
        var token = await _client.PostAsJsonAsync("/_emulator/zitadel/tokens", new { org_id = orgId, roles = new[] { "ORG_OWNER_VIEWER" }, token = viewerToken });
        var orgAgain = await _client.PostAsJsonAsync("/_emulator/zitadel/orgs", new { name = "again", org_id = orgId });
        var tokenAgain = await _client.PostAsJsonAsync("/_emulator/zitadel/tokens", new { org_id = orgId, roles = new[] { "ORG_OWNER" }, token = viewerToken });

        Assert.Equal(HttpStatusCode.Created, org.StatusCode);
        Assert.Equal(orgId, (await org.JsonBody()).Str("org_id"));
        Assert.Equal(ownerToken, (await org.JsonBody()).Str("token"));
        Assert.Equal(viewerToken, (await token.JsonBody()).Str("token"));
        Assert.Equal(HttpStatusCode.Conflict, orgAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, tokenAgain.StatusCode);
    }

    [Theory]
    [InlineData("/_emulator/huawei/users", """{"name":"u","admn":true}""", "admn")]
    [InlineData("/_emulator/huawei/hosts", """{"project_id":"p","host_name":"h","hostid":"x"}""", "hostid")]
    [InlineData("/_emulator/zitadel/orgs", """{"name":"o","orgid":"1"}""", "orgid")]
    [InlineData("/_emulator/faults", """{"path_prefix":"/v5","status":500,"cnt":2}""", "cnt")]
    public async Task A_control_route_refuses_a_field_it_does_not_know_and_names_it(string path, string body, string field)
    {
        var response = await _client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"'{field}' is not a field", (await response.JsonBody()).Str("detail"), StringComparison.Ordinal);
    }
}
