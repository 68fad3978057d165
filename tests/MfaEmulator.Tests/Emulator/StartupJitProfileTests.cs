using System.Diagnostics;
using System.Net;
using MfaEmulator.Tests.Infrastructure;

namespace MfaEmulator.Tests.Emulator;

/// <summary>
/// The start-up JIT profile (multicore JIT) the real process keeps in the user's cache folder: recorded by a build's first
/// start and written ten seconds after it started, or when it exits sooner; played back unchanged by later starts; never
/// torn; an unreadable one only costs the speed-up.
/// </summary>
public sealed class StartupJitProfileTests : IDisposable
{
    private static readonly string Dll = Processes.EmulatorDll;
    private readonly string _cache = Directory.CreateTempSubdirectory("mfa-emulator-cache-").FullName;

    private string ProfileFolder => Path.Combine(_cache, "mfa-emulator");

    /// <summary>This build's profile's file name, as the emulator names it (the test host runs the same MfaEmulator.dll).</summary>
    internal static readonly string ProfileName = $"{typeof(Program).Module.ModuleVersionId:N}-{Environment.Version}.jitprofile";

    private string Profile => Path.Combine(ProfileFolder, ProfileName);

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    [Fact]
    public async Task The_first_start_records_the_profile_and_later_starts_play_it_back_without_changing_it()
    {
        await AskOnceThenTerminate();
        var written = await File.ReadAllBytesAsync(Profile);
        Assert.True(written.Length > 1024, $"the profile has {written.Length} bytes");

        await AskOnceThenTerminate();
        // Killed as soon as it listens: before any answer and before the ten seconds.
        using (var process = Launch())
        {
            await Processes.ListeningAddress(process);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.Equal(written, await File.ReadAllBytesAsync(Profile));
        Assert.Equal([Profile], Directory.GetFiles(ProfileFolder));
    }

    [Fact]
    public async Task A_profile_of_another_build_is_removed_when_this_build_records_its_own()
    {
        Directory.CreateDirectory(ProfileFolder);
        var other = Path.Combine(ProfileFolder, $"{Guid.NewGuid():N}-{Environment.Version}.jitprofile");
        await File.WriteAllBytesAsync(other, new byte[2048]);

        await AskOnceThenTerminate();

        Assert.Equal([Profile], Directory.GetFiles(ProfileFolder));
    }

    [Fact]
    public async Task An_unreadable_profile_does_not_stop_the_start()
    {
        Directory.CreateDirectory(ProfileFolder);
        var junk = new byte[4096];
        new Random(7).NextBytes(junk);
        await File.WriteAllBytesAsync(Profile, junk);

        await AskOnceThenTerminate();

        Assert.Equal(junk, await File.ReadAllBytesAsync(Profile));
    }

    [Fact]
    public async Task A_start_refused_with_exit_code_2_still_leaves_the_profile_and_nothing_else()
    {
        using var process = Launch("http://0.0.0.0:0");
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--control-key", stderr, StringComparison.Ordinal);
        Assert.Equal([Profile], Directory.GetFiles(ProfileFolder));
    }

    [Fact]
    public async Task The_profile_is_written_ten_seconds_after_the_start_without_waiting_for_a_stop()
    {
        using var process = Launch();
        try
        {
            await Processes.ListeningAddress(process);
            var started = Stopwatch.StartNew();

            Assert.True(await Appears(Profile, TimeSpan.FromSeconds(30)), "no profile 30 s after the start");
            Assert.True(started.Elapsed > TimeSpan.FromSeconds(5), $"written after {started.Elapsed}, before the ten seconds");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static async Task<bool> Appears(string path, TimeSpan within)
    {
        var waited = Stopwatch.StartNew();
        while (!File.Exists(path) && waited.Elapsed < within)
        {
            await Task.Delay(100);
        }
        return File.Exists(path);
    }

    private Task AskOnceThenTerminate() => AskOnceThenTerminate(Dll, _cache);

    /// <summary>Starts the emulator at <paramref name="dll"/> with <paramref name="cache"/> as its cache folder, asks it one thing, and stops it with SIGTERM.</summary>
    internal static Task AskOnceThenTerminate(string dll, string cache) => Processes.WhileListening(dll, cache, async (_, address) =>
    {
        using var client = new HttpClient { BaseAddress = address };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_emulator/health")).StatusCode);
        return true;
    });

    private Process Launch(string url = "http://127.0.0.1:0") => Processes.StartEmulator(Dll, _cache, url);
}
