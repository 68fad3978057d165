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

    [LoggerMessage(EventId = 0, Level = LogLevel.Information, Message = "thread {Thread} line {Line}")]
    private static partial void LogLine(ILogger logger, int thread, int line);

    [LoggerMessage(EventId = 0, Level = LogLevel.Error, Message = "failed")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
