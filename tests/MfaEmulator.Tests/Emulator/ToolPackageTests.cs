using MfaEmulator.Tests.Infrastructure;

namespace MfaEmulator.Tests.Emulator;

/// <summary>The emulator as a .NET tool: packed, installed from a local folder with dotnet tool install, and started.</summary>
[Collection(PackagingTests.Name)]
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mfa-emulator-tool-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_packed_tool_installs_from_a_local_folder_and_serves()
    {
        var feed = Path.Combine(_directory, "feed");
        var tools = Path.Combine(_directory, "tools");
        var project = Path.Combine(RepositoryRoot.Path, "src", "MfaEmulator", "MfaEmulator.csproj");

        // The test run has built the emulator (Debug); pack that build, as a release pipeline would pack its own.
        await Processes.Dotnet("pack", project, "-c", "Debug", "--no-build", "-o", feed);
        await Processes.Dotnet("tool", "install", "mfa-emulator", "--tool-path", tools, "--add-source", feed, "--version", HealthVersion());
        var command = Path.Combine(tools, "mfa-emulator");

        var version = await Run(command, "--version");
        using var server = Processes.Start(command, ["--urls", "http://127.0.0.1:0", "--grpc-urls", "http://127.0.0.1:0"]);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var client = new HttpClient { BaseAddress = await Processes.ListeningAddress(server) };
            var health = await (await client.GetAsync("/_emulator/health", timeout.Token)).JsonBody();

            Assert.Equal($"mfa-emulator {HealthVersion()}", version.Trim());
            Assert.Equal("ok", health.Str("status"));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    private static string HealthVersion() =>
        typeof(Program).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.1.0";

    private static async Task<string> Run(string command, params string[] args)
    {
        var (exitCode, stdout, stderr) = await Processes.RunToExit(command, args);
        Assert.True(exitCode == 0, $"{command} exited {exitCode}: {stderr}");
        return stdout;
    }
}
