using System.Text;
using System.Threading.Channels;

namespace MfaEmulator.Emulator;

/// <summary>
/// The console log, one line per entry (<c>info: Category[id] message</c>), written so that logging a line per request
/// does not cost the request its throughput. ASP.NET's console logger takes a lock per entry and writes and
/// flushes each line on its own (under wrk, a third of the emulator's CPU went there); here a line is formatted on
/// the caller's thread, queued without waiting, and one background task writes whatever has queued, at most
/// every 20 ms.
/// </summary>
internal sealed class BatchedConsoleLoggerProvider : ILoggerProvider
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Stream _output;
    private readonly Task _writer;
    private static readonly TimeSpan GatherFor = TimeSpan.FromMilliseconds(20);

    public BatchedConsoleLoggerProvider(Stream output)
    {
        _output = output;
        _writer = Task.Run(WriteLoop);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Writes what is queued and stops (a clean stop loses no line).</summary>
    public void Dispose()
    {
        _lines.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task WriteLoop()
    {
        // Not disposed: its Dispose would flush once more into a console that may be gone; every batch is flushed below.
        var writer = new StreamWriter(_output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        while (await _lines.Reader.WaitToReadAsync())
        {
            // Under load lines keep coming: gathering them for a moment first makes one wake of this task and one
            // write carry hundreds of lines; woken per line, the log cost a request ~6 µs of CPU (bench/results/load.md).
            await Task.Delay(GatherFor);
            try
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    writer.Write(line);
                    writer.Write('\n');
                }
                writer.Flush();
            }
            catch (IOException)
            {
                // Nobody reads the console any more (a closed pipe): the emulator goes on without its log.
            }
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class Logger(BatchedConsoleLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            var message = formatter(state, exception);
            var line = exception is null
                ? $"{LevelName(logLevel)}: {category}[{eventId.Id}] {message}"
                : $"{LevelName(logLevel)}: {category}[{eventId.Id}] {message} {exception}";
            provider._lines.Writer.TryWrite(line);
        }
    }
}
