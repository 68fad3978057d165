using System.Text;
using System.Threading.Channels;

namespace MfaEmulator.Emulator;

/// <summary>
/// The console log, one line per entry (<c>info: Category[id] message</c>), written so that logging a line per request
/// does not cost the request its throughput. ASP.NET's console logger takes a lock per entry and writes and
/// flushes each line on its own (under wrk, a third of the emulator's CPU went there); here an entry is queued without
/// waiting, and one background task formats and writes whatever has queued, at most every 20 ms. A message whose
/// state can format itself (<see cref="ISpanFormattable"/>, such as <see cref="RequestLine"/>, which must not change
/// after it is logged) is formatted there, into the writer's buffer; any other is formatted by the caller.
/// </summary>
internal sealed class BatchedConsoleLoggerProvider : ILoggerProvider
{
    private readonly Channel<Entry> _entries = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true });
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
        _entries.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(5));
    }

    /// <summary>One line to write: its message is a string, or an <see cref="ISpanFormattable"/> to format when written.</summary>
    private readonly record struct Entry(LogLevel Level, string Category, int EventId, object Message, Exception? Exception);

    private async Task WriteLoop()
    {
        // Not disposed: its Dispose would flush once more into a console that may be gone; every batch is flushed below.
        var writer = new StreamWriter(_output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        var formatted = new char[256];
        while (await _entries.Reader.WaitToReadAsync())
        {
            // Under load lines keep coming: gathering them for a moment first makes one wake of this task and one
            // write carry hundreds of lines; woken per line, the log cost a request ~6 µs of CPU (bench/results/load.md).
            await Task.Delay(GatherFor);
            try
            {
                while (_entries.Reader.TryRead(out var entry))
                {
                    formatted = Write(writer, entry, formatted);
                }
                writer.Flush();
            }
            catch (IOException)
            {
                // Nobody reads the console any more (a closed pipe): the emulator goes on without its log.
            }
        }
    }

    /// <summary>Writes one line; returns the formatting buffer, grown if a message needed more room.</summary>
    private static char[] Write(StreamWriter writer, Entry entry, char[] formatted)
    {
        writer.Write(LevelName(entry.Level));
        writer.Write(": ");
        writer.Write(entry.Category);
        writer.Write('[');
        writer.Write(entry.EventId);
        writer.Write("] ");
        if (entry.Message is ISpanFormattable message)
        {
            int written;
            while (!message.TryFormat(formatted, out written, default, null))
            {
                formatted = new char[formatted.Length * 2];
            }
            writer.Write(formatted.AsSpan(0, written));
        }
        else
        {
            writer.Write((string)entry.Message);
        }
        if (entry.Exception is { } exception)
        {
            writer.Write(' ');
            writer.Write(exception.ToString());
        }
        writer.Write('\n');
        return formatted;
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
            object message = state is ISpanFormattable deferred ? deferred : formatter(state, exception);
            provider._entries.Writer.TryWrite(new Entry(logLevel, category, eventId.Id, message, exception));
        }
    }
}
