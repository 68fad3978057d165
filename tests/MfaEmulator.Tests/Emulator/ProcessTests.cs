using System.Diagnostics;
using MfaEmulator.Tests.Infrastructure;

namespace MfaEmulator.Tests.Emulator;

/// <summary>The real executable, as `dotnet run` starts it: port 0, the announced address, and the refusal to expose itself.</summary>
public sealed class ProcessTests
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "MfaEmulator.dll");

    private static Process Launch(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        return Process.Start(info)!;
    }

    [Fact]
    public async Task Port_0_binds_a_free_port_and_prints_it_on_one_line_that_health_confirms()
    {
        using var process = Launch("--urls", "http://127.0.0.1:0", "--strict");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            string? line;
            do
            {
                line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            }
            while (line is not null && !line.StartsWith("MfaEmulator listening on ", StringComparison.Ordinal));
            Assert.NotNull(line);
            var address = line["MfaEmulator listening on ".Length..].Trim();
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
        using var process = Launch("--urls", "http://0.0.0.0:0");

        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--control-key", stderr, StringComparison.Ordinal);
    }
}
