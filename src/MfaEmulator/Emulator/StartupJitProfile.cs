using System.Runtime;

namespace MfaEmulator.Emulator;

/// <summary>
/// Multicore JIT (<see cref="ProfileOptimization"/>), kept as PowerShell keeps its own: a build's first start records
/// which methods the runtime compiled or loaded in its first ten seconds, and every later start of that build compiles
/// those on a second core while the first one builds the host. ReadyToRun cannot precompile most of them: they are the
/// framework's generic code over the contracts' value types. What it saves is in bench/results/load.md.
/// </summary>
/// <remarks>
/// The profile lives in the user's cache folder (<c>$XDG_CACHE_HOME/mfa-emulator</c>, else <c>~/.cache/mfa-emulator</c>;
/// the local application data folder on Windows), one per build of the emulator and version of the runtime. A published
/// copy ships one beside the app, recorded by the publish, which a start uses while the cache has none.
/// <para>
/// It is recorded once, not by every start. The runtime records while it plays back, but a recording made during a
/// play-back lacks what the second core had already prepared: profiles re-recorded start after start saved 9 ms (495
/// against 504 without one, 13 alternating starts). A first start killed before its ten seconds writes nothing, and the
/// next start records again.
/// </para>
/// <para>
/// The runtime plays a profile back and writes its recording under the same name, so each start plays back a copy
/// under its own name (deleted as soon as the runtime has read it) and the first recording is renamed into place once
/// written: a start killed mid-write never leaves a torn profile. A folder that cannot be written only means no profile.
/// A test host running the emulator in its own process keeps its JIT as it is.
/// </para>
/// </remarks>
internal static class StartupJitProfile
{
    private const string TemporaryPrefix = "recording-";
    private static readonly TimeSpan AbandonedAge = TimeSpan.FromHours(1);
    private static readonly TimeSpan RecordFor = TimeSpan.FromSeconds(10);
    private static string? _recording;
    private static string? _profile;
    private static Timer? _finishTimer;
    private static readonly TaskCompletionSource Written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Complete once no recording that later starts will play back is under way: at once when this start plays one back
    /// (its own recording is dropped) or records none.
    /// </summary>
    public static Task Recorded => _profile is null ? Task.CompletedTask : Written.Task;

    public static void Begin()
    {
        if (!OwnProcess.IsEmulator || Folder() is not { } folder)
        {
            return;
        }
        try
        {
            Directory.CreateDirectory(folder);
            RemoveAbandonedRecordings(folder);
            var profile = Path.Combine(folder, FileName);
            var recording = Path.Combine(folder, $"{TemporaryPrefix}{Environment.ProcessId}.jitprofile");
            var playBack = File.Exists(profile) ? profile : File.Exists(Shipped) ? Shipped : null;
            if (playBack is not null)
            {
                File.Copy(playBack, recording, overwrite: true);
            }
            ProfileOptimization.SetProfileRoot(folder);
            ProfileOptimization.StartProfile(Path.GetFileName(recording));
            // The runtime has read the whole copy into memory; its recording is written only when it ends.
            File.Delete(recording);
            _recording = recording;
            _profile = playBack is null ? profile : null;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Finish();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No profile this time; the start is only slower.
        }
    }

    /// <summary>
    /// Ends the recording ten seconds after the host started, or at the process's exit if sooner. Measured against
    /// ending it at the first answer (13 alternating starts each, a noisy hour of this machine): 581 against 621 ms, and
    /// 660 without a profile. A busy window costs too: with the OpenAPI document and wrk in it, 526 against 475 ms.
    /// </summary>
    public static void FinishWhenStarted(IHostApplicationLifetime lifetime)
    {
        if (_recording is not null)
        {
            lifetime.ApplicationStarted.Register(() => _finishTimer = new Timer(_ => Finish(), null, RecordFor, Timeout.InfiniteTimeSpan));
        }
    }

    private static void Finish()
    {
        if (Interlocked.Exchange(ref _recording, null) is not { } recording)
        {
            return;
        }
        try
        {
            // Stops recording and writes what was recorded under the recording's name.
            ProfileOptimization.StartProfile(null);
            if (_profile is { } profile)
            {
                File.Move(recording, profile, overwrite: true);
                RemoveOtherBuilds(profile);
            }
            else
            {
                File.Delete(recording);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The next start records again.
        }
        finally
        {
            Written.TrySetResult();
        }
    }

    /// <summary>Recordings of starts killed while writing them.</summary>
    private static void RemoveAbandonedRecordings(string folder)
    {
        foreach (var recording in Directory.EnumerateFiles(folder, TemporaryPrefix + "*.jitprofile"))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(recording) > AbandonedAge)
            {
                File.Delete(recording);
            }
        }
    }

    private static void RemoveOtherBuilds(string profile)
    {
        foreach (var other in Directory.EnumerateFiles(Path.GetDirectoryName(profile)!, "*.jitprofile"))
        {
            if (other != profile && !Path.GetFileName(other).StartsWith(TemporaryPrefix, StringComparison.Ordinal))
            {
                File.Delete(other);
            }
        }
    }

    /// <summary>This build's profile on this runtime: the module's id, which changes with every build, and the runtime's version.</summary>
    private static string FileName => $"{typeof(StartupJitProfile).Module.ModuleVersionId:N}-{Environment.Version}.jitprofile";

    /// <summary>
    /// The profile a publish recorded beside the app (record-startup-jit-profile.sh), so that even a build's first start
    /// on a fresh machine, as in CI, plays one back; used when the cache has none, and never changed.
    /// </summary>
    private static string Shipped => Path.Combine(AppContext.BaseDirectory, FileName);

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
