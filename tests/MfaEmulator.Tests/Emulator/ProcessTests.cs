using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MfaEmulator.Tests.Infrastructure;

namespace MfaEmulator.Tests.Emulator;

/// <summary>The real executable, as `dotnet run` starts it: port 0, the announced address, and the refusal to expose itself.</summary>
public sealed class ProcessTests
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "MfaEmulator.dll");

    private static Process Launch(params string[] args) => Processes.Start("dotnet", [Dll, .. args]);

    [Fact]
    public async Task Port_0_binds_a_free_port_and_prints_it_on_one_line_that_health_confirms()
    {
        using var process = Launch("--urls", "http://127.0.0.1:0", "--grpc-urls", "http://127.0.0.1:0", "--strict");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var address = (await Processes.ListeningAddress(process)).OriginalString;
            Assert.Matches(@"^http://127\.0\.0\.1:\d+$", address);
            Assert.DoesNotMatch(":0$", address);

            using var client = new HttpClient { BaseAddress = new Uri(address) };
            var health = await (await client.GetAsync("/_emulator/health", timeout.Token)).JsonBody();

            Assert.Equal(address, health.GetProperty("addresses")[0].GetString());
            Assert.True(health.GetProperty("strict").GetBoolean());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Listening_beyond_loopback_without_a_control_key_is_refused()
    {
        using var process = Launch("--urls", "http://0.0.0.0:0", "--grpc-urls", "http://127.0.0.1:0");

        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--control-key", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Kestrel:Endpoints:Open:Url", "http://0.0.0.0:0")]
    [InlineData("--Kestrel:Endpoints:Open:Url", "http://[::]:0")]
    public async Task Listening_beyond_loopback_is_refused_whatever_configuration_names_the_address(string option, string url)
    {
        using var process = Launch(option, url);

        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Refusing to listen on", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_change_acknowledged_before_a_kill_9_is_there_after_the_restart()
    {
        var directory = Directory.CreateTempSubdirectory("mfa-emulator-kill-").FullName;
        var stateFile = Path.Combine(directory, "state.json");
        var created = new List<string>();
        try
        {
            using (var first = Launch("--urls", "http://127.0.0.1:0", "--grpc-urls", "http://127.0.0.1:0", "--state-file", stateFile))
            {
                var client = await ClientOf(first);
                for (var i = 0; i < 40; i++)
                {
                    var response = await client.PostAsJsonAsync("/_emulator/huawei/users", new { name = $"kill-{i}" });
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                    created.Add((await response.JsonBody()).Str("user_id"));
                }
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync();
            }

            using var second = Launch("--urls", "http://127.0.0.1:0", "--grpc-urls", "http://127.0.0.1:0", "--state-file", stateFile);
            try
            {
                var state = (await (await (await ClientOf(second)).GetAsync("/_emulator/state")).JsonBody()).ToString();
                Assert.All(created, userId => Assert.Contains(userId, state, StringComparison.Ordinal));
            }
            finally
            {
                second.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A client of a launched emulator, once it has printed where it listens.</summary>
    private static async Task<HttpClient> ClientOf(Process process) => new() { BaseAddress = await Processes.ListeningAddress(process) };
}
