using System.Net;
using System.Net.Http.Json;
using MfaEmulator.Testing;

namespace MfaEmulator.Tests.Testing;

/// <summary>The in-process fixture: real loopback sockets, options in code, a typed control client, separate state per instance.</summary>
public sealed class MfaEmulatorServerTests
{
    [Fact]
    public async Task Two_instances_in_one_process_listen_on_their_own_ports_and_share_no_state()
    {
        await using var first = await MfaEmulatorServer.StartAsync();
        await using var second = await MfaEmulatorServer.StartAsync();

        var alice = await first.Control.CreateHuaweiUserAsync("alice");
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();
        var inFirst = await Show(firstClient, alice);
        var inSecond = await Show(secondClient, alice);

        Assert.NotEqual(first.BaseAddress, second.BaseAddress);
        Assert.Equal("127.0.0.1", first.BaseAddress.Host);
        Assert.Equal(HttpStatusCode.OK, inFirst.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, inSecond.StatusCode);
    }

    [Fact]
    public async Task Settings_in_code_and_the_control_client_drive_a_whole_bind_and_verify_what_was_sent()
    {
        await using var emulator = await MfaEmulatorServer.StartAsync(new MfaEmulatorSettings { Strict = true, RandomSeed = 7 });
        await emulator.Control.FreezeClockAsync(new DateTimeOffset(2030, 1, 1, 0, 0, 10, TimeSpan.Zero));
        var user = await emulator.Control.CreateHuaweiUserAsync("bob");
        using var client = emulator.CreateClient();

        // The code under test: create and bind a device with the codes an authenticator would show.
        var created = await Send(client, HttpMethod.Post, "/v3.0/OS-MFA/virtual-mfa-devices", new { virtual_mfa_device = new { name = "phone", user_id = user.UserId } }, user.Token);
        var serial = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("virtual_mfa_device").GetProperty("serial_number").GetString()!;
        var codes = await emulator.Control.GetDeviceCodesAsync(serial);
        var bound = await Send(client, HttpMethod.Put, "/v3.0/OS-MFA/mfa-devices/bind",
            new { user_id = user.UserId, serial_number = serial, authentication_code_first = codes.Previous, authentication_code_second = codes.Current }, user.Token);

        Assert.Equal(HttpStatusCode.NoContent, bound.StatusCode);
        await emulator.Control.VerifyAsync(new RequestPattern(Method: "PUT", Path: "/v3.0/OS-MFA/mfa-devices/*", Status: 204, BodyField: "serial_number", BodyValue: serial));
        await emulator.Control.VerifyAsync(new RequestPattern(Path: "/v3.0/OS-MFA/*"), times: 2);
        await Assert.ThrowsAsync<InvalidOperationException>(() => emulator.Control.VerifyAsync(new RequestPattern(Method: "DELETE")));
        Assert.Equal(2, (await emulator.Control.GetRequestsAsync("/v3.0/OS-MFA")).Count);
    }

    [Fact]
    public async Task A_seed_given_in_code_is_there_at_start_and_faults_and_resets_work()
    {
        await using var emulator = await MfaEmulatorServer.StartAsync(new MfaEmulatorSettings
        {
            SeedJson = """{"zitadel":{"orgs":[{"name":"ci","org_id":"300000000000000077","token":"fixture-pat"}]}}""",
        });
        using var client = emulator.CreateClient();
        await emulator.Control.AddFaultAsync("/management/v1/policies/login/second_factors", 503);

        var faulted = await AddFactor(client);
        var added = await AddFactor(client);
        await emulator.Control.ResetTenantAsync("org_id", "300000000000000077");
        var afterReset = await AddFactor(client);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, afterReset.StatusCode);
    }

    private static Task<HttpResponseMessage> AddFactor(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/management/v1/policies/login/second_factors") { Content = JsonContent.Create(new { type = "SECOND_FACTOR_TYPE_OTP" }) };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer fixture-pat");
        request.Headers.TryAddWithoutValidation("x-zitadel-orgid", "300000000000000077");
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> Show(HttpClient client, HuaweiUser user) =>
        Send(client, HttpMethod.Get, $"/v3.0/OS-USER/users/{user.UserId}", null, user.Token);

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, object? body, string token)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
        return client.SendAsync(request);
    }
}
