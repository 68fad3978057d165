using System.Reflection;
using System.Runtime;

namespace MfaEmulator.Emulator;

/// <summary>
/// Multicore JIT (<see cref="ProfileOptimization"/>), kept as PowerShell keeps its own: each start records which methods
/// the runtime compiled or loaded in its first seconds, and the next start compiles those on a second core while the first
/// one builds the host. ReadyToRun cannot precompile most of them: they are the framework's generic code over the
/// contracts' value types. On this 2-core machine, launch to the first 200 went 512 → 440 ms (bench/results/load.md).
/// </summary>
/// <remarks>
/// The profile lives in the user's cache folder (<c>$XDG_CACHE_HOME/mfa-emulator</c>, else <c>~/.cache/mfa-emulator</c>;
/// the local application data folder on Windows). The runtime plays a profile back and records the next one under the
/// same name, so each start plays back and records under its own name and renames that over the shared profile once
/// written: a start killed mid-write never leaves a torn profile (the runtime reads a profile whole and ignores one it
/// cannot parse, multicorejitplayer.cpp). A folder that cannot be
/// written only means no profile. A test host running the emulator in its own process keeps its JIT as it is.
/// </remarks>
internal static class StartupJitProfile
{
    private const string SharedName = "startup.jitprofile";
    private const string CopyPrefix = "startup-";
    private static readonly TimeSpan AbandonedCopyAge = TimeSpan.FromHours(1);
    private static readonly TimeSpan RecordFor = TimeSpan.FromSeconds(10);
    private static string? _recording;
    private static Timer? _finishTimer;

    public static void Begin()
    {
        if (Assembly.GetEntryAssembly() != typeof(StartupJitProfile).Assembly || Folder() is not { } folder)
        {
            return;
        }
        try
        {
            Directory.CreateDirectory(folder);
            RemoveAbandonedCopies(folder);
            var copy = Path.Combine(folder, $"{CopyPrefix}{Environment.ProcessId}.jitprofile");
            var shared = Path.Combine(folder, SharedName);
            if (File.Exists(shared))
            {
                File.Copy(shared, copy, overwrite: true);
            }
            ProfileOptimization.SetProfileRoot(folder);
            ProfileOptimization.StartProfile(Path.GetFileName(copy));
            _recording = copy;
            // The runtime has read the whole copy into memory; the recording is written only when it ends.
            File.Delete(copy);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No profile this time; the start is only slower.
        }
    }

    /// <summary>
    /// Ends the recording ten seconds after the host started, or when it stops before that. Not at the first answer:
    /// while the recording runs, the methods the second core compiled reach the first core through it, so ending it at
    /// an early answer (a 503 before the listen check, say) took most of the gain away.
    /// </summary>
    public static void FinishWhenStarted(IHostApplicationLifetime lifetime)
    {
        if (_recording is null)
        {
            return;
        }
        lifetime.ApplicationStarted.Register(() => _finishTimer = new Timer(_ => Finish(), null, RecordFor, Timeout.InfiniteTimeSpan));
        lifetime.ApplicationStopping.Register(Finish);
    }

    private static void Finish()
    {
        if (Interlocked.Exchange(ref _recording, null) is { } copy)
        {
            try
            {
                // Stops recording and writes what was recorded to this start's copy.
                ProfileOptimization.StartProfile(null);
                File.Move(copy, Path.Combine(Path.GetDirectoryName(copy)!, SharedName), overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The next start records again.
            }
        }
    }

    /// <summary>Recordings of starts killed while writing them.</summary>
    private static void RemoveAbandonedCopies(string folder)
    {
        foreach (var copy in Directory.EnumerateFiles(folder, CopyPrefix + "*.jitprofile"))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(copy) > AbandonedCopyAge)
            {
                File.Delete(copy);
            }
        }
    }

    private static string? Folder()
    {
        var cache = OperatingSystem.IsWindows()
            ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? Path.Combine(home, ".cache") : "";
        return cache.Length > 0 ? Path.Combine(cache, "mfa-emulator") : null;
    }
}
