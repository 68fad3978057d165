using System.Diagnostics;
using MfaEmulator.Common.Warmup;

namespace MfaEmulator.Emulator;

/// <summary>
/// Builds what the app defers to first use (<see cref="DeferredBuilds"/>: each route's validator, the Swagger UI) once
/// the emulator has started and is idle, so that a route's first call finds it built while the first answer waits for
/// none of it: built before that answer, the validators made it 140 ms slower (591 against 449 ms,
/// bench/results/load.md). Idle is the process using under a tenth of a core for 100 ms; each idle moment gets a 20 ms
/// slice of building (the ~50 entries take ~200 ms of CPU, done ~1.5 s after start), and a call that comes first
/// builds its own, as before. A start recording the JIT profile that later starts play back
/// (<see cref="StartupJitProfile"/>) is waited for, or those starts would compile this work on their second core too.
/// </summary>
internal static partial class IdleWarmup
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan IdleUse = Window / 10;
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(20);

    public static void BuildWhenIdle(WebApplication app)
    {
        if (!OwnProcess.IsEmulator)
        {
            return;
        }
        var builds = app.Services.GetRequiredService<DeferredBuilds>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IdleWarmup).FullName!);
        var stopping = app.Lifetime.ApplicationStopping;
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => BuildAsync(builds, logger, stopping), stopping));
    }

    private static async Task BuildAsync(DeferredBuilds builds, ILogger logger, CancellationToken stopping)
    {
        try
        {
            await StartupJitProfile.Recorded.WaitAsync(stopping);
            var began = Stopwatch.GetTimestamp();
            var (built, failed, cpu) = (0, 0, TimeSpan.Zero);
            while (builds.Pending > 0)
            {
                await UntilIdle(stopping);
                var (before, sliceStart) = (Environment.CpuUsage.TotalTime, Stopwatch.GetTimestamp());
                do
                {
                    try
                    {
                        built += builds.TryBuildNext() ? 1 : 0;
                    }
                    catch (Exception e)
                    {
                        // The entry's first use meets the same failure (Lazy keeps it) and answers it as any handler fault.
                        failed++;
                        LogFailed(logger, e);
                    }
                }
                while (builds.Pending > 0 && Stopwatch.GetElapsedTime(sliceStart) < Slice);
                cpu += Environment.CpuUsage.TotalTime - before;
            }
            var seconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
            LogBuilt(logger, built, failed, (long)cpu.TotalMilliseconds, seconds);
        }
        catch (OperationCanceledException)
        {
            // Stopping: what is left is built on first use.
        }
    }

    private static async Task UntilIdle(CancellationToken stopping)
    {
        TimeSpan used;
        do
        {
            var before = Environment.CpuUsage.TotalTime;
            await Task.Delay(Window, stopping);
            used = Environment.CpuUsage.TotalTime - before;
        }
        while (used > IdleUse);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Idle warm-up built {Built} deferred entries ({Failed} failed) in {CpuMs} ms of CPU over {Seconds:0.0} s")]
    private static partial void LogBuilt(ILogger logger, int built, int failed, long cpuMs, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Idle warm-up could not build a deferred entry")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
