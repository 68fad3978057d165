using System.Diagnostics;

namespace MfaEmulator.Tests.Infrastructure;

/// <summary>Running the real executable and the dotnet CLI from tests.</summary>
internal static class Processes
{
    private const string ListeningPrefix = "MfaEmulator listening on ";

    /// <summary>Starts a command with its output redirected.</summary>
    public static Process Start(string command, IEnumerable<string> args, string? workingDirectory = null)
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
        return Process.Start(info)!;
    }

    /// <summary>The address a starting emulator prints on its "listening" line.</summary>
    public static async Task<Uri> ListeningAddress(Process emulator)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? line;
        do
        {
            line = await emulator.StandardOutput.ReadLineAsync(timeout.Token);
        }
        while (line is not null && !line.StartsWith(ListeningPrefix, StringComparison.Ordinal));
        Assert.NotNull(line);
        return new Uri(line[ListeningPrefix.Length..].Trim());
    }

    /// <summary>Runs the dotnet CLI to its end; fails the test with the output when it does not succeed.</summary>
    public static async Task<string> Dotnet(params string[] args)
    {
        using var process = Start("dotnet", args);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} exited {process.ExitCode}: {await output}{await errors}");
        return await output;
    }
}
