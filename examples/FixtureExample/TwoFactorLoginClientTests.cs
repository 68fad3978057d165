using System.Net.Http.Json;
using System.Text.Json;
using MfaEmulator.Testing;

namespace FixtureExample;

/// <summary>One emulator for the test class, started on a free loopback port and stopped with the class.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public MfaEmulatorServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await MfaEmulatorServer.StartAsync(new MfaEmulatorSettings { Strict = true });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class TwoFactorLoginClientTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Enabling_two_factor_login_sends_one_configuration_call_and_the_hosts_read_back_enabled()
    {
        // Arrange: an account, and a server HSS knows in a project of our own.
        var admin = await emulator.Server.Control.CreateHuaweiUserAsync("ops-admin", admin: true);
        var project = "example" + Guid.NewGuid().ToString("N")[..8];
        await emulator.Server.Control.CreateHssHostAsync(project, "web-1", hostId: "host-web-1");
        using var http = emulator.Server.CreateClient();
        var client = new TwoFactorLoginClient(http, admin.Token);

        // Act: the code under test.
        await client.EnableAsync(project, ["host-web-1"], "urn:smn:cn-north-4:example:ops");

        // Assert: what it sent, and the state it left.
        await emulator.Server.Control.VerifyAsync(new RequestPattern(Method: "PUT", Path: $"/v5/{project}/setting/two-factor-login/config", Status: 200, BodyField: "auth_type", BodyValue: "sms"));
        using var read = new HttpRequestMessage(HttpMethod.Get, $"v5/{project}/setting/two-factor-login/hosts");
        read.Headers.TryAddWithoutValidation("X-Auth-Token", admin.Token);
        var hosts = await (await http.SendAsync(read)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(hosts.GetProperty("data_list")[0].GetProperty("auth_switch").GetBoolean());
    }
}
