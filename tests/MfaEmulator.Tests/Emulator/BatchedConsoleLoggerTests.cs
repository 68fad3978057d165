using System.Text;
using MfaEmulator.Emulator;
using Microsoft.Extensions.Logging;

namespace MfaEmulator.Tests.Emulator;

/// <summary>The console log: every line from many threads reaches the output whole, one per line, by the time the provider is disposed.</summary>
public sealed partial class BatchedConsoleLoggerTests
{
    [Fact]
    public void Lines_from_concurrent_requests_all_arrive_whole_and_in_each_threads_order()
    {
        using var output = new MemoryStream();
        var provider = new BatchedConsoleLoggerProvider(output);
        var logger = provider.CreateLogger("MfaEmulator.Emulator.RequestLog");

        Parallel.For(0, 4, thread =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                LogLine(logger, thread, i);
            }
        });
        LogFailure(logger, new InvalidOperationException("boom"));
        provider.Dispose();

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8_001, lines.Length);
        Assert.All(lines[..^1], line => Assert.Matches(@"^info: MfaEmulator\.Emulator\.RequestLog\[0\] thread \d line \d+$", line));
        for (var thread = 0; thread < 4; thread++)
        {
            var prefix = $"thread {thread} line ";
            var order = lines.Where(l => l.Contains(prefix, StringComparison.Ordinal)).Select(l => int.Parse(l[(l.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Enumerable.Range(0, 2_000), order);
        }
        Assert.StartsWith("fail: MfaEmulator.Emulator.RequestLog[0] failed System.InvalidOperationException: boom", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_line_is_formatted_when_written_however_long_its_path()
    {
        using var output = new MemoryStream();
        var provider = new BatchedConsoleLoggerProvider(output);
        var logger = provider.CreateLogger("MfaEmulator.Emulator.RequestLog");
        var longPath = "/v3.0/OS-USER/users/" + new string('a', 1_000);

        RequestLine[] requests = [new("PUT", longPath, 400, TimeSpan.FromMilliseconds(1.46)), new("GET", "/_emulator/health", 200, TimeSpan.FromMilliseconds(0.04))];
        foreach (var request in requests)
        {
            logger.Log(LogLevel.Information, default, request, null, (line, _) => line.ToString());
        }
        provider.Dispose();

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([$"info: MfaEmulator.Emulator.RequestLog[0] PUT {longPath} 400 in 1.5 ms", "info: MfaEmulator.Emulator.RequestLog[0] GET /_emulator/health 200 in 0 ms"], lines);
    }

    [Fact]
    public void A_request_line_reads_as_text_and_as_named_values()
    {
        var line = new RequestLine("POST", "/v5/mfa-devices/enable", 400, TimeSpan.FromMilliseconds(12.34));

        Assert.Equal("POST /v5/mfa-devices/enable 400 in 12.3 ms", line.ToString());
        Assert.Equal(
            [new("Method", "POST"), new("Path", "/v5/mfa-devices/enable"), new("Status", 400), new("Milliseconds", 12.3), new("{OriginalFormat}", "{Method} {Path} {Status} in {Milliseconds} ms")],
            line.ToList());
    }

    [LoggerMessage(EventId = 0, Level = LogLevel.Information, Message = "thread {Thread} line {Line}")]
    private static partial void LogLine(ILogger logger, int thread, int line);

    [LoggerMessage(EventId = 0, Level = LogLevel.Error, Message = "failed")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
