using System.Net;
using System.Net.Http.Json;
using MfaEmulator.Tests.Infrastructure;
using static MfaEmulator.Tests.Infrastructure.HttpExtensions;

namespace MfaEmulator.Tests.Emulator;

/// <summary>--seed, --state-file, --random-seed and --control-key, each shown by starting (and restarting) the host.</summary>
public sealed class StartupOptionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mfa-emulator-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static EmulatorFactory Start(params (string Key, string? Value)[] settings) =>
        new(settings.ToDictionary(s => s.Key, s => s.Value));

    [Fact]
    public async Task The_example_seed_file_provisions_fixed_identities_and_hosts()
    {
        using var emulator = Start(("Emulator:SeedFile", Path.Combine(RepositoryRoot.Path, "examples", "seed.json")));
        var client = emulator.CreateClient();

        var asAlice = await client.SendAsync(Json(HttpMethod.Get, "/v3.0/OS-USER/login-protects", null, "MIIAliceToken"));
        var hosts = await (await client.SendAsync(Json(HttpMethod.Get, "/v5/5eed00000000000000000000000000p1/setting/two-factor-login/hosts", null, "MIICiAdminToken"))).JsonBody();
        var protect = await client.SendAsync(Json(HttpMethod.Put, "/v3.0/OS-USER/users/5eed0000000000000000000000000b01/login-protect",
            new { login_protect = new { enabled = true, verification_method = "sms" } }, "MIICiAdminToken"));

        var addFactor = await client.SendAsync(Json(HttpMethod.Post, "/management/v1/policies/login/second_factors", new { type = "SECOND_FACTOR_TYPE_OTP" }, token: null)
            .Bearer("ci-org-owner-pat"));

        Assert.Equal(HttpStatusCode.OK, asAlice.StatusCode);
        Assert.Equal(["rdp-1", "web-1"], hosts.GetProperty("data_list").EnumerateArray().Select(h => h.Str("host_name")));
        Assert.Equal(HttpStatusCode.OK, protect.StatusCode);
        Assert.Equal(HttpStatusCode.OK, addFactor.StatusCode);
        Assert.Equal("300000000000000001", (await addFactor.JsonBody()).GetProperty("details").Str("resourceOwner"));
    }

    [Fact]
    public async Task The_state_file_keeps_devices_and_users_across_a_restart()
    {
        var stateFile = Path.Combine(_directory, "state.json");
        TestUser user;
        string serial;
        using (var first = Start(("Emulator:StateFile", stateFile)))
        {
            var api = new HuaweiTestApi(first.CreateClient());
            user = await api.CreateUser();
            serial = await api.CreateV3Device(user, user.UserId);
            await api.BindV3WithCurrentCodes(user, user.UserId, serial);
        }
        Assert.False(File.Exists(stateFile + ".tmp"));

        using var second = Start(("Emulator:StateFile", stateFile));
        var client = second.CreateClient();
        var shown = await client.SendAsync(Json(HttpMethod.Get, $"/v3.0/OS-MFA/users/{user.UserId}/virtual-mfa-device", null, user.Token));
        var devices = await (await client.SendAsync(Json(HttpMethod.Get, $"/v5/mfa-devices?user_id={user.UserId}", null, user.Token))).JsonBody();

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(serial, (await shown.JsonBody()).GetProperty("virtual_mfa_device").Str("serial_number"));
        Assert.True(devices.GetProperty("mfa_devices")[0].GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task A_refused_call_leaves_the_state_file_as_it_was()
    {
        var stateFile = Path.Combine(_directory, "state.json");
        using var emulator = Start(("Emulator:StateFile", stateFile));
        var api = new HuaweiTestApi(emulator.CreateClient());
        await api.CreateUser();
        var written = File.ReadAllText(stateFile);
        var logged = File.ReadAllText(stateFile + ".log");
        File.SetLastWriteTimeUtc(stateFile, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var notFound = await api.Send(HttpMethod.Put, "/v3.0/OS-MFA/mfa-devices/bind",
            new { user_id = "nobody", serial_number = "s", authentication_code_first = "000000", authentication_code_second = "111111" }, AnyToken);
        var unknownRoute = await api.Send(HttpMethod.Post, "/v3.0/OS-MFA/nothing-here", new { }, AnyToken);

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownRoute.StatusCode);
        Assert.Equal(new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(stateFile));
        Assert.Equal(written, File.ReadAllText(stateFile));
        Assert.Equal(logged, File.ReadAllText(stateFile + ".log"));
    }

    [Fact]
    public async Task The_same_random_seed_and_frozen_clock_give_the_same_ids_seeds_and_tokens()
    {
        async Task<string> Run()
        {
            using var emulator = Start(("Emulator:RandomSeed", "42"));
            var api = new HuaweiTestApi(emulator.CreateClient());
            // Tokens carry their issue time (TokenSeal), so they repeat when the clock does.
            Assert.Equal(HttpStatusCode.OK, (await api.Client.PutAsJsonAsync("/_emulator/clock", new { frozen_at = "2030-01-01T00:00:00Z" })).StatusCode);
            var user = await api.CreateUser(name: "repeatable");
            var device = await api.Send(HttpMethod.Post, "/v3.0/OS-MFA/virtual-mfa-devices", new { virtual_mfa_device = new { name = "p", user_id = user.UserId } }, user.Token);
            return $"{user.UserId} {user.Token} {user.SecretKey} {(await device.JsonBody()).GetProperty("virtual_mfa_device").Str("base32_string_seed")}";
        }

        Assert.Equal(await Run(), await Run());
    }

    [Fact]
    public async Task With_a_control_key_the_control_routes_need_it_but_health_does_not()
    {
        using var emulator = Start(("Emulator:ControlKey", "s3cret"));
        var client = emulator.CreateClient();

        var without = await client.PostAsJsonAsync("/_emulator/huawei/users", new { name = "x" });
        var wrong = new HttpRequestMessage(HttpMethod.Get, "/_emulator/state");
        wrong.Headers.Add("X-Emulator-Key", "guess");
        var right = new HttpRequestMessage(HttpMethod.Get, "/_emulator/state");
        right.Headers.Add("X-Emulator-Key", "s3cret");

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_emulator/health")).StatusCode);
    }
}
