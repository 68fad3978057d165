using System.Net;
using MfaEmulator.Tests.Infrastructure;

namespace MfaEmulator.Tests.Emulator;

public sealed class HealthTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Health_reports_the_version_and_the_five_emulated_APIs()
    {
        var response = await _client.GetAsync("/_emulator/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonBody();
        Assert.Equal("ok", body.Str("status"));
        Assert.Matches(@"^\d+\.\d+\.\d+", body.Str("version"));
        var routes = body.GetProperty("apis").EnumerateArray().Select(a => a.Str("route")).ToList();
        Assert.Equal(
            [
                "PUT /v5/{project_id}/setting/two-factor-login/config",
                "PUT /v3.0/OS-USER/users/{user_id}/login-protect",
                "PUT /v3.0/OS-MFA/mfa-devices/bind",
                "POST /v5/mfa-devices/enable",
                "POST /management/v1/policies/login/second_factors",
            ],
            routes);
    }

    [Fact]
    public async Task Unknown_emulator_routes_answer_in_problem_details()
    {
        var response = await _client.GetAsync("/_emulator/nothing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.JsonBody();
        Assert.Equal(404, body.GetProperty("status").GetInt32());
    }
}
