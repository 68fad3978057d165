using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MfaEmulator.Tests.Infrastructure;
using static MfaEmulator.Tests.Infrastructure.HttpExtensions;

namespace MfaEmulator.Tests.Emulator;

/// <summary>
/// <c>--state-file</c>'s change log: a change appends to the log and leaves the snapshot alone, and the files as they
/// are at any moment after an acknowledged change (copied while the emulator runs, as a <c>kill -9</c> would leave
/// them) start an emulator with exactly the same state, also with a torn last line and across a fold.
/// </summary>
public sealed class StateLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mfa-emulator-log-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string StateFile => Path.Combine(_directory, "state.json");

    private static EmulatorFactory Start(string stateFile, long foldBytes = 1024 * 1024) => new(new Dictionary<string, string?>
    {
        ["Emulator:StateFile"] = stateFile,
        ["Emulator:StateLogFoldBytes"] = foldBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    [Fact]
    public async Task A_change_appends_to_the_log_and_leaves_the_snapshot_as_it_was()
    {
        using var emulator = Start(StateFile);
        var api = new HuaweiTestApi(emulator.CreateClient());
        var snapshot = File.ReadAllBytes(StateFile);

        var user = await api.CreateUser();
        var logAfterUser = File.ReadAllLines(StateFile + ".log");
        var serial = await api.CreateV3Device(user, user.UserId);
        var logAfterDevice = File.ReadAllLines(StateFile + ".log");

        Assert.Equal(snapshot, File.ReadAllBytes(StateFile));
        Assert.Contains(logAfterUser, line => line.Contains(user.UserId, StringComparison.Ordinal) && line.Contains("\"table\":\"users\"", StringComparison.Ordinal));
        var deviceLines = logAfterDevice.Skip(logAfterUser.Length).ToList();
        Assert.Single(deviceLines);
        Assert.Contains(serial, deviceLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_files_as_a_kill_would_leave_them_give_back_the_same_state()
    {
        using var emulator = Start(StateFile);
        var expected = await ChangeEverything(emulator.CreateClient());

        var copy = CopyFiles("copy");
        using var restarted = Start(copy);

        Assert.Equal(expected, await StateOf(restarted.CreateClient()));
    }

    [Fact]
    public async Task Changes_racing_from_parallel_clients_are_logged_in_the_order_they_were_made()
    {
        using var emulator = Start(StateFile, foldBytes: 64 * 1024);
        var api = new HuaweiTestApi(emulator.CreateClient());
        var admin = await api.CreateAccount();
        var users = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => api.CreateUser(name: $"racer-{i}", domainId: admin.DomainId)));
        await Task.WhenAll(users.Select(async user =>
        {
            for (var round = 0; round < 10; round++)
            {
                // Every worker flips the same kind of record many times, so a log out of order would leave a stale value.
                Assert.Equal(HttpStatusCode.OK, (await api.SetLoginProtect(admin, user.UserId, enabled: round % 2 == 0, "vmfa")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await api.Send(HttpMethod.Put, $"/v5/race/setting/two-factor-login/config",
                    new { enabled = round % 2 == 0, auth_type = "sms", host_id_list = new[] { $"host-{round % 3}" }, topic_urn = "urn:smn:x", topic_display_name = $"ops-{round}" }, admin.Token)).StatusCode);
            }
            var serial = await api.CreateV3Device(admin, user.UserId);
            var codes = await api.Codes(serial);
            // Two binds of one device race: one wins, and the winner's state is what the log keeps.
            var binds = await Task.WhenAll(api.BindV3(user, user.UserId, serial, codes.Previous, codes.Current), api.BindV3(user, user.UserId, serial, codes.Previous, codes.Current));
            Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], binds.Select(b => b.StatusCode).Order());
        }));
        var expected = await StateOf(emulator.CreateClient());

        var copy = CopyFiles("raced");
        using var restarted = Start(copy);

        Assert.Equal(expected, await StateOf(restarted.CreateClient()));
    }

    [Fact]
    public async Task A_last_line_cut_short_is_ignored_and_the_rest_is_loaded()
    {
        using var emulator = Start(StateFile);
        var expected = await ChangeEverything(emulator.CreateClient());
        var copy = CopyFiles("torn");
        File.AppendAllText(copy + ".log", "{\"store\":\"huawei_accounts\",\"table\":\"users\",\"key\":\"cut-sh");

        using var restarted = Start(copy);

        Assert.Equal(expected, await StateOf(restarted.CreateClient()));
        Assert.False(File.Exists(copy + ".log") && File.ReadAllText(copy + ".log").Contains("cut-sh", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_log_folded_into_the_snapshot_while_changes_go_on_loses_nothing()
    {
        using var emulator = Start(StateFile, foldBytes: 1);
        var client = emulator.CreateClient();
        var created = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var response = await client.PostAsJsonAsync("/_emulator/huawei/users", new { name = $"fold-{i}" });
            created.Add((await response.JsonBody()).Str("user_id"));
        }
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!File.ReadAllText(StateFile).Contains(created[^1], StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            await client.PostAsJsonAsync("/_emulator/huawei/users", new { name = $"nudge-{Guid.NewGuid():N}" });
        }
        var expected = await StateOf(client);
        var copy = CopyFiles("folded");
        using var restarted = Start(copy);
        var restored = await StateOf(restarted.CreateClient());

        Assert.Contains(created[^1], File.ReadAllText(StateFile), StringComparison.Ordinal);
        Assert.True(new FileInfo(StateFile + ".log").Length < new FileInfo(StateFile).Length, "the log was folded into the snapshot");
        Assert.All(created, userId => Assert.Contains(userId, restored, StringComparison.Ordinal));
        Assert.Equal(expected, restored);
    }

    /// <summary>Every kind of change each store logs: creates, updates, removals, a tenant reset, a restore, token issue.</summary>
    private static async Task<string> ChangeEverything(HttpClient client)
    {
        var api = new HuaweiTestApi(client);
        var admin = await api.CreateAccount();
        var user = await api.CreateUser(name: "bob", domainId: admin.DomainId);
        var serial = await api.CreateV3Device(admin, user.UserId);
        await api.BindV3WithCurrentCodes(admin, user.UserId, serial);
        Assert.Equal(HttpStatusCode.OK, (await api.SetLoginProtect(admin, user.UserId, enabled: true, "vmfa")).StatusCode);
        var renamed = await api.Send(HttpMethod.Put, $"/v3.0/OS-USER/users/{user.UserId}", new { user = new { name = "bobby" } }, admin.Token);
        Assert.True(renamed.IsSuccessStatusCode, await renamed.Content.ReadAsStringAsync());

        var gone = await api.CreateUser(name: "gone", domainId: admin.DomainId);
        await api.CreateV3Device(admin, gone.UserId);
        Assert.Equal(HttpStatusCode.NoContent, (await api.Send(HttpMethod.Delete, $"/v3/users/{gone.UserId}", null, admin.Token)).StatusCode);
        var other = await api.CreateAccount();
        await api.CreateV3Device(other, other.UserId);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/_emulator/reset", new { domain_id = other.DomainId })).StatusCode);

        var hss = await api.Send(HttpMethod.Put, "/v5/proj-a/setting/two-factor-login/config",
            new { enabled = true, auth_type = "sms", host_id_list = new[] { "h1", "h2" }, topic_urn = "urn:smn:x", topic_display_name = "ops" }, admin.Token);
        Assert.Equal(HttpStatusCode.OK, hss.StatusCode);

        var org = await (await client.PostAsJsonAsync("/_emulator/zitadel/orgs", new { name = "acme" })).JsonBody();
        var zitadel = new HttpRequestMessage(HttpMethod.Post, "/management/v1/policies/login/second_factors") { Content = JsonContent.Create(new { type = "SECOND_FACTOR_TYPE_U2F" }) };
        zitadel.Headers.Authorization = new("Bearer", org.Str("token"));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(zitadel)).StatusCode);

        var snapshot = await (await client.GetAsync("/_emulator/state")).JsonBody();
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync("/_emulator/state", JsonContent.Create(snapshot))).StatusCode);
        var afterRestore = await api.CreateUser(name: "after-restore", domainId: admin.DomainId);
        await api.CreateV3Device(afterRestore, afterRestore.UserId);
        return await StateOf(client);
    }

    private string CopyFiles(string name)
    {
        var copy = Path.Combine(_directory, name + ".json");
        File.Copy(StateFile, copy);
        foreach (var suffix in new[] { ".log", ".log.folding" })
        {
            if (File.Exists(StateFile + suffix))
            {
                File.Copy(StateFile + suffix, copy + suffix);
            }
        }
        return copy;
    }

    /// <summary>The state document with every list sorted, so two equal states compare equal whatever order their maps kept.</summary>
    private static async Task<string> StateOf(HttpClient client)
    {
        var response = await client.GetAsync("/_emulator/state");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Canonical(JsonNode.Parse(await response.Content.ReadAsStringAsync()))?.ToJsonString() ?? "null";
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Canonical).OrderBy(n => n?.ToJsonString(), StringComparer.Ordinal)]),
        _ => node?.DeepClone(),
    };
}
