using System.Net;
using System.Text.Json;
using MfaEmulator.Tests.Infrastructure;

namespace MfaEmulator.Tests.Zitadel.LoginPolicy;

/// <summary>An org made through the control routes, with its ORG_OWNER personal access token.</summary>
internal sealed record TestOrg(string Id, string Token);

/// <summary>Calls to the ZITADEL routes and the control routes, and the assertion for the gateway's error body.</summary>
internal static class ZitadelHttp
{
    public const string SecondFactors = "/management/v1/policies/login/second_factors";
    public const string SecondFactorsSearch = SecondFactors + "/_search";
    public const string OrgLoginPolicy = "/management/v1/policies/login";
    public const string DefaultLoginPolicy = "/management/v1/policies/default/login";
    public const string AdminLoginPolicy = "/admin/v1/policies/login";
    public const string AdminSecondFactors = "/admin/v1/policies/login/second_factors";
    public const string AdminSecondFactorsSearch = AdminSecondFactors + "/_search";
    public const string OrgIdHeader = "x-zitadel-orgid";

    public static string Bearer(string token) => "Bearer " + token;

    /// <summary>Sends a request with the Authorization header exactly as given (null: none) and, optionally, x-zitadel-orgid.</summary>
    public static Task<HttpResponseMessage> ZitadelAsync(this HttpClient client, HttpMethod method, string path, string? authorization, object? body = null, string? orgId = null)
    {
        var request = HttpExtensions.Json(method, path, body, token: null);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        if (orgId is not null)
        {
            request.Headers.TryAddWithoutValidation(OrgIdHeader, orgId);
        }
        return client.SendAsync(request);
    }

    public static async Task<TestOrg> CreateOrgAsync(this HttpClient client)
    {
        var response = await client.SendAsync(HttpExtensions.Json(HttpMethod.Post, "/_emulator/zitadel/orgs", new { name = "org-" + Guid.NewGuid().ToString("N") }, token: null));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonBody();
        return new TestOrg(body.Str("org_id"), body.Str("token"));
    }

    public static async Task<string> IssueTokenAsync(this HttpClient client, string orgId, params string[] roles)
    {
        var response = await client.SendAsync(HttpExtensions.Json(HttpMethod.Post, "/_emulator/zitadel/tokens", new { org_id = orgId, roles }, token: null));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonBody()).Str("token");
    }

    /// <summary>A 200 body, parsed.</summary>
    public static async Task<JsonElement> OkBody(this Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonBody();
    }

    public static string[] Strings(this JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(item => item.GetString() ?? "")];

    public static ulong Sequence(this JsonElement response) =>
        ulong.Parse(response.GetProperty("details").Str("sequence"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The gateway's Status body, every field: <c>{code, message}</c> for a plain gRPC status (no <paramref name="id"/>),
    /// or <c>{code, message: "text (id)", details: [ErrorDetail{id, message: text}]}</c> for a ZITADEL error.
    /// </summary>
    public static async Task AssertZitadelError(this HttpResponseMessage response, HttpStatusCode status, int code, string text, string? id = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonBody();
        Assert.Equal(code, body.GetProperty("code").GetInt32());
        if (id is null)
        {
            Assert.Equal(["code", "message"], body.PropertyNames());
            Assert.Equal(text, body.Str("message"));
            return;
        }
        Assert.Equal(["code", "details", "message"], body.PropertyNames());
        Assert.Equal($"{text} ({id})", body.Str("message"));
        var detail = Assert.Single(body.GetProperty("details").EnumerateArray());
        Assert.Equal(["@type", "id", "message"], detail.PropertyNames());
        Assert.Equal("type.googleapis.com/zitadel.v1.ErrorDetail", detail.Str("@type"));
        Assert.Equal(id, detail.Str("id"));
        Assert.Equal(text, detail.Str("message"));
    }

    /// <summary>grpc-gateway repeats an Unauthenticated status's message in WWW-Authenticate.</summary>
    public static string WwwAuthenticate(this HttpResponseMessage response) =>
        response.Headers.NonValidated["WWW-Authenticate"].ToString();
}
