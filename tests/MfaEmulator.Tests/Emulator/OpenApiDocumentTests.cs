using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MfaEmulator.Tests.Infrastructure;

namespace MfaEmulator.Tests.Emulator;

/// <summary>
/// The document in openapi/v1.json is the one the app serves. After changing a route, regenerate it with
/// <c>UPDATE_OPENAPI=1 dotnet test</c> and review the diff.
/// </summary>
public sealed class OpenApiDocumentTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    private static readonly string CheckedIn = Path.Combine(RepositoryRoot.Path, "openapi", "v1.json");
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<JsonNode> Served()
    {
        var response = await _client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task The_served_document_equals_the_checked_in_one()
    {
        var served = (await Served()).ToJsonString(Indented) + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CheckedIn, served);
        }

        var checkedIn = await File.ReadAllTextAsync(CheckedIn);

        Assert.True(served == checkedIn, "openapi/v1.json differs from the served document; run UPDATE_OPENAPI=1 dotnet test and commit the result");
    }

    [Fact]
    public async Task Every_emulated_operation_has_a_vendor_name_a_summary_and_its_error_statuses()
    {
        var paths = (await Served())["paths"]!.AsObject();

        foreach (var (path, item) in paths)
        {
            foreach (var (method, operation) in item!.AsObject().Where(o => o.Key is "get" or "put" or "post" or "delete"))
            {
                Assert.False(string.IsNullOrEmpty(operation!["operationId"]?.GetValue<string>()), $"{method} {path} has no operationId");
                Assert.False(string.IsNullOrEmpty(operation["summary"]?.GetValue<string>()), $"{method} {path} has no summary");
                if (!path.StartsWith("/_emulator", StringComparison.Ordinal) && path != "/v3/auth/tokens")
                {
                    Assert.True(operation["responses"]!.AsObject().ContainsKey("401"), $"{method} {path} does not document 401");
                }
            }
        }
    }

    [Fact]
    public async Task The_root_redirects_to_the_Swagger_UI_which_loads_the_document()
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var root = await client.GetAsync("/");
        var ui = await client.GetAsync("/swagger/index.html");
        var config = await client.GetStringAsync("/swagger/index.js");

        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/swagger", root.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("/openapi/v1.json", config, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v5/{project_id}/setting/two-factor-login/config", "put", "X-Auth-Token")]
    [InlineData("/v3.0/OS-MFA/mfa-devices/bind", "put", "X-Auth-Token")]
    [InlineData("/v5/mfa-devices/enable", "post", "X-Auth-Token")]
    [InlineData("/management/v1/policies/login/second_factors", "post", "Bearer")]
    public async Task Vendor_operations_declare_the_credential_Swagger_UI_should_send(string path, string method, string scheme)
    {
        var document = await Served();

        var security = document["paths"]![path]![method]!["security"]!.AsArray();

        Assert.Equal([scheme], security.SelectMany(r => r!.AsObject().Select(kv => kv.Key)));
        Assert.NotNull(document["components"]!["securitySchemes"]![scheme]);
    }

    [Fact]
    public async Task The_token_route_asks_for_no_credential() =>
        Assert.Null((await Served())["paths"]!["/v3/auth/tokens"]!["post"]!["security"]);
}
