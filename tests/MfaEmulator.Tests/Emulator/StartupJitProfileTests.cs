using System.Diagnostics;
using System.Globalization;
using System.Net;
using MfaEmulator.Tests.Infrastructure;

namespace MfaEmulator.Tests.Emulator;

/// <summary>
/// The start-up JIT profile (multicore JIT) the real process keeps in the user's cache folder: written when the emulator
/// stops or ten seconds after it started, never torn, and an unreadable one only costs the speed-up.
/// </summary>
public sealed class StartupJitProfileTests : IDisposable
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "MfaEmulator.dll");
    private readonly string _cache = Directory.CreateTempSubdirectory("mfa-emulator-cache-").FullName;

    private string ProfileFolder => Path.Combine(_cache, "mfa-emulator");

    private string Profile => Path.Combine(ProfileFolder, "startup.jitprofile");

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    [Fact]
    public async Task A_start_stopped_with_SIGTERM_leaves_its_profile_and_a_start_killed_before_writing_keeps_it()
    {
        await RunUntil(Stop.Term);
        var written = await File.ReadAllBytesAsync(Profile);
        Assert.True(written.Length > 1024, $"the profile has {written.Length} bytes");

        await RunUntil(Stop.Kill);

        Assert.Equal(written, await File.ReadAllBytesAsync(Profile));
        Assert.Empty(Directory.GetFiles(ProfileFolder, "startup-*"));
    }

    [Fact]
    public async Task An_unreadable_profile_does_not_stop_the_start_and_is_replaced()
    {
        Directory.CreateDirectory(ProfileFolder);
        var junk = new byte[4096];
        new Random(7).NextBytes(junk);
        await File.WriteAllBytesAsync(Profile, junk);

        await RunUntil(Stop.Term);

        var written = await File.ReadAllBytesAsync(Profile);
        Assert.NotEqual(junk, written);
        Assert.True(written.Length > 1024, $"the profile has {written.Length} bytes");
    }

    [Fact]
    public async Task The_profile_is_written_ten_seconds_after_the_start_without_waiting_for_a_stop()
    {
        using var process = Launch();
        try
        {
            await AnswersHealth(process);
            var deadline = Stopwatch.StartNew();
            while (!File.Exists(Profile) && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(200);
            }

            Assert.True(File.Exists(Profile), "no profile 30 s after the start");
            Assert.False(process.HasExited);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private enum Stop
    {
        Term,
        Kill,
    }

    private async Task RunUntil(Stop stop)
    {
        using var process = Launch();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await AnswersHealth(process);
        if (stop == Stop.Kill)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(timeout.Token);
            return;
        }
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync(timeout.Token);
        }
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);
    }

    private Process Launch() => Processes.Start(
        "dotnet", [Dll, "--urls", "http://127.0.0.1:0", "--grpc-urls", "none"], environment: [("XDG_CACHE_HOME", _cache)]);

    private static async Task AnswersHealth(Process process)
    {
        using var client = new HttpClient { BaseAddress = await Processes.ListeningAddress(process) };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_emulator/health")).StatusCode);
    }
}
