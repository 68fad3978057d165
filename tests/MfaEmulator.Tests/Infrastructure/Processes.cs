using System.Diagnostics;
using System.Globalization;

namespace MfaEmulator.Tests.Infrastructure;

/// <summary>Running the real executable and the dotnet CLI from tests.</summary>
internal static class Processes
{
    private const string ListeningPrefix = "MfaEmulator listening on ";

    /// <summary>Starts a command with its output redirected (and, if given, more environment variables).</summary>
    public static Process Start(
        string command, IEnumerable<string> args, string? workingDirectory = null, IEnumerable<(string Name, string Value)>? environment = null)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }
        foreach (var (name, value) in environment ?? [])
        {
            info.Environment[name] = value;
        }
        return Process.Start(info)!;
    }

    /// <summary>The emulator built beside the tests (the test host's own MfaEmulator.dll).</summary>
    public static readonly string EmulatorDll = Path.Combine(AppContext.BaseDirectory, "MfaEmulator.dll");

    /// <summary>Starts the emulator at <paramref name="dll"/> without native gRPC, with <paramref name="cache"/> as its cache folder.</summary>
    public static Process StartEmulator(
        string dll, string cache, string url = "http://127.0.0.1:0", params (string Name, string Value)[] environment) =>
        Start("dotnet", [dll, "--urls", url, "--grpc-urls", "none"], environment: [("XDG_CACHE_HOME", cache), .. environment]);

    /// <summary>
    /// Starts the emulator at <paramref name="dll"/> on a free loopback port (<see cref="StartEmulator"/>); once it
    /// listens, runs <paramref name="inspect"/> on the process and its address, then stops it with SIGTERM and asserts a
    /// clean exit.
    /// </summary>
    public static async Task<T> WhileListening<T>(
        string dll, string cache, Func<Process, Uri, Task<T>> inspect, params (string Name, string Value)[] environment)
    {
        using var process = StartEmulator(dll, cache, environment: environment);
        try
        {
            return await inspect(process, await ListeningAddress(process));
        }
        finally
        {
            Assert.Equal(0, await Signal(process, "TERM"));
        }
    }

    /// <summary>The address a starting emulator prints on its "listening" line.</summary>
    public static async Task<Uri> ListeningAddress(Process emulator)
    {
        var line = await FirstLine(emulator, l => l.StartsWith(ListeningPrefix, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        // "MfaEmulator listening on http://127.0.0.1:5080 (native gRPC: http://127.0.0.1:5081)": the first address.
        return new Uri(line[ListeningPrefix.Length..].Trim().Split(' ')[0]);
    }

    /// <summary>
    /// Reads what <paramref name="process"/> prints until a line <paramref name="matches"/> and returns it; fails the test
    /// if the process ends first, and cancels after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<string> FirstLine(Process process, Func<string, bool> matches, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        string? line;
        do
        {
            line = await process.StandardOutput.ReadLineAsync(cancel.Token);
        }
        while (line is not null && !matches(line));
        Assert.NotNull(line);
        return line;
    }

    /// <summary>
    /// Runs a command to its exit and returns what it printed; after <paramref name="timeout"/> it kills the command
    /// (and what it started) and fails the test.
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExit(
        string command, IEnumerable<string> args, string? workingDirectory = null, TimeSpan? timeout = null,
        IEnumerable<(string Name, string Value)>? environment = null)
    {
        using var process = Start(command, args, workingDirectory, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{command} {string.Join(' ', args)} did not finish within {limit}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Sends a signal (TERM, INT, …) to a started process and waits for its exit; returns its exit code.</summary>
    public static async Task<int> Signal(Process process, string signal)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(timeout.Token);
        }
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>Runs the dotnet CLI to its end; fails the test with the output when it does not succeed.</summary>
    public static async Task<string> Dotnet(params string[] args)
    {
        var (exitCode, stdout, stderr) = await RunToExit("dotnet", args, timeout: TimeSpan.FromMinutes(5));
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', args)} exited {exitCode}: {stdout}{stderr}");
        return stdout;
    }
}
