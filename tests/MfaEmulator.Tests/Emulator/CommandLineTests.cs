using System.Net.Sockets;
using MfaEmulator.Tests.Infrastructure;

namespace MfaEmulator.Tests.Emulator;

/// <summary>
/// The real executable's command line: --help and --version, every mistake refused with one line naming the option
/// (exit code 2), start-up files and ports that cannot be used explained in one line, never a stack trace.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "MfaEmulator.dll");
    private readonly string _directory = Directory.CreateTempSubdirectory("mfa-emulator-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Runs the emulator to its exit (or kills it after a timeout) and returns what it printed.</summary>
    private static Task<(int ExitCode, string Stdout, string Stderr)> Run(string? workingDirectory, params string[] args) =>
        Processes.RunToExit("dotnet", [Dll, .. args], workingDirectory);

    private static void AssertOneLineRefusal((int ExitCode, string Stdout, string Stderr) run, string expected)
    {
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("mfa-emulator: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_option_with_its_default_and_environment_variable()
    {
        var run = await Run(null, "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--urls", "--grpc-urls", "--strict", "--seed", "--state-file", "--control-key", "--journal-size", "--max-body-bytes", "--random-seed", "--verbose", "--no-huge-pages", "--version" })
        {
            Assert.Contains(option, run.Stdout, StringComparison.Ordinal);
        }
        Assert.Contains("environment: Emulator__JournalSize", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("default: 200", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, (await Run(null, "-h")).ExitCode);
    }

    [Fact]
    public async Task Version_prints_the_version_and_exits()
    {
        var run = await Run(null, "--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^mfa-emulator \d+\.\d+\.\d+\s*$", run.Stdout);
    }

    [Theory]
    [InlineData("--stric", "unknown option --stric (did you mean --strict?)")]
    [InlineData("--journal-size|-1", "--journal-size -1: must be an integer from 0 to")]
    [InlineData("--max-body-bytes|0", "--max-body-bytes 0: must be an integer from 1 to")]
    [InlineData("--strict|maybe", "--strict takes true or false, not 'maybe'")]
    [InlineData("--seed", "--seed needs a value")]
    [InlineData("--random-seed|x", "--random-seed x: must be an integer")]
    public async Task A_mistake_on_the_command_line_is_one_line_naming_the_option_and_exit_code_2(string args, string expected) =>
        AssertOneLineRefusal(await Run(null, args.Split('|')), expected);

    [Fact]
    public async Task A_missing_seed_file_is_one_line_naming_it()
    {
        var missing = Path.Combine(_directory, "nope.json");

        AssertOneLineRefusal(await Run(null, "--seed", missing), $"no such file ({missing})");
    }

    [Fact]
    public async Task A_malformed_seed_file_is_one_line_with_the_file_and_line()
    {
        var seed = Path.Combine(_directory, "broken.json");
        File.WriteAllText(seed, "{\n  \"huawei\": {\n    \"users\": [ { \"name\": \"a\", } ]\n  }\n}");

        AssertOneLineRefusal(await Run(null, "--seed", seed, "--urls", "http://127.0.0.1:0", "--grpc-urls", "http://127.0.0.1:0"), $"--seed {seed}: not valid JSON at line 3");
    }

    [Theory]
    [InlineData("""{"huaewi":{}}""", "unknown section 'huaewi'")]
    [InlineData("""{"huawei":{"users":[{"name":"a"},{"name":"a"}]}}""", "user 'a'")]
    [InlineData("""{"zitadel":{"orgs":[{"name":"o","token":"t"},{"name":"p","token":"t"}]}}""", "org 'p'")]
    public async Task A_seed_file_that_does_not_fit_is_one_line_with_the_reason(string content, string expected)
    {
        var seed = Path.Combine(_directory, "seed.json");
        File.WriteAllText(seed, content);

        AssertOneLineRefusal(await Run(null, "--seed", seed, "--urls", "http://127.0.0.1:0", "--grpc-urls", "http://127.0.0.1:0"), expected);
    }

    [Fact]
    public async Task A_state_file_in_a_missing_directory_is_refused_at_start()
    {
        var stateFile = Path.Combine(_directory, "missing", "state.json");

        AssertOneLineRefusal(await Run(null, "--state-file", stateFile), "does not exist");
    }

    [Theory]
    [InlineData("{\"store\":\"hss\",\"clear\":true}\nnot json\n{\"store\":\"hss\",\"clear\":true}\n", "line 2 is not a change")]
    [InlineData("{\"store\":\"hss\",\"table\":\"projects\",\"key\":\"p\",\"value\":[{\"host_id\":\"h\"}]}\n", "line 1 is not a change")]
    [InlineData("{\"store\":\"nowhere\",\"clear\":true}\n", "'nowhere' is not part of the state")]
    public async Task A_damaged_state_log_line_before_the_last_is_one_line_with_its_number(string log, string expected)
    {
        var stateFile = Path.Combine(_directory, "damaged.json");
        File.WriteAllText(stateFile + ".log", log);

        AssertOneLineRefusal(await Run(null, "--state-file", stateFile, "--urls", "http://127.0.0.1:0", "--grpc-urls", "http://127.0.0.1:0"), expected);
    }

    [Fact]
    public async Task A_state_file_that_is_a_directory_is_one_line_at_start()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_directory, "state-is-a-directory")).FullName;

        AssertOneLineRefusal(await Run(null, "--state-file", directory, "--urls", "http://127.0.0.1:0", "--grpc-urls", "http://127.0.0.1:0"), "cannot be written");
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_that_says_what_to_do()
    {
        using var occupant = new TcpListener(System.Net.IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((System.Net.IPEndPoint)occupant.LocalEndpoint).Port;

        AssertOneLineRefusal(await Run(null, "--urls", $"http://127.0.0.1:{port}"), "--urls http://127.0.0.1:<port>");
    }

    [Fact]
    public async Task A_relative_seed_path_means_the_callers_working_directory()
    {
        File.WriteAllText(Path.Combine(_directory, "relative-seed.json"), """{"huawei":{"users":[{"name":"rel","token":"MIIRelativeSeedToken"}]}}""");
        using var process = Processes.Start("dotnet", [Dll, "--seed", "relative-seed.json", "--urls", "http://127.0.0.1:0", "--grpc-urls", "http://127.0.0.1:0"], _directory);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var client = new HttpClient { BaseAddress = await Processes.ListeningAddress(process) };
            var request = new HttpRequestMessage(HttpMethod.Get, "/v3.0/OS-MFA/virtual-mfa-devices");
            request.Headers.TryAddWithoutValidation("X-Auth-Token", "MIIRelativeSeedToken");

            var response = await client.SendAsync(request, timeout.Token);

            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task SIGTERM_and_SIGINT_stop_the_emulator_with_exit_code_0(string signal)
    {
        using var process = Processes.Start("dotnet", [Dll, "--urls", "http://127.0.0.1:0", "--grpc-urls", "http://127.0.0.1:0"]);
        await Processes.ListeningAddress(process);

        Assert.Equal(0, await Processes.Signal(process, signal));
    }
}
