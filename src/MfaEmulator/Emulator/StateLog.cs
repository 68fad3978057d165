using System.Buffers;
using System.Text.Json;
using MfaEmulator.Common.Store;

namespace MfaEmulator.Emulator;

/// <summary>
/// The state file's change log (<c>FILE.log</c>): one JSON line per change, appended in the order the stores made
/// them. Changes collect in memory and one writer puts them on disk and fsyncs (group commit), so many concurrent
/// changes share one fsync; <see cref="WaitDurableAsync"/> is what holds a change's answer until it is on disk.
/// Off (every call a no-op) until <see cref="Open"/>, so nothing is logged while the state is loaded at start.
/// </summary>
internal sealed partial class StateLog(ILogger<StateLog> logger) : IStateChangeLog, IDisposable
{
    private static readonly byte NewLine = (byte)'\n';

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _wake = new(0);
    private ArrayBufferWriter<byte> _pending = new();
    private ArrayBufferWriter<byte> _writing = new();
    private Utf8JsonWriter? _json;
    private bool _wakeRequested;
    private int _lineStart;
    private long _appended;
    private long _durable;
    private (long End, TaskCompletionSource Done)? _inFlight;
    private TaskCompletionSource _next = NewFlush();

    private readonly Lock _fileGate = new();
    private FileStream? _file;
    private volatile bool _open;
    private Task? _writer;
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Bytes in the log file now (the fold threshold is measured against it); under the file lock.</summary>
    private long _fileLength;

    /// <summary>Runs after each write with the log's length (the state file starts a fold from it).</summary>
    public Action<long>? Written { get; set; }

    /// <summary>Starts logging to <paramref name="path"/> (appending) and the writer that flushes it.</summary>
    public void Open(string path)
    {
        lock (_fileGate)
        {
            _file = OpenFile(path);
            _fileLength = _file.Length;
        }
        _open = true;
        _writer = Task.Run(WriteLoop);
    }

    // Static lambdas with their state passed in: a store's change allocates nothing here while logging is off.
    public void Put<T>(IEmulatorStore store, string table, string key, T value) => Append(store, (table, key, value), static (json, change) =>
    {
        WriteKey(json, change.table, change.key);
        json.WritePropertyName("value");
        JsonSerializer.Serialize(json, change.value);
    });

    public void Remove(IEmulatorStore store, string table, string key) =>
        Append(store, (table, key), static (json, change) => WriteKey(json, change.table, change.key));

    public void Clear(IEmulatorStore store) => Append(store, true, static (json, clear) => json.WriteBoolean("clear", clear));

    /// <summary>Everything appended so far: wait on it to know a change is on disk.</summary>
    public long Appended
    {
        get
        {
            lock (_gate)
            {
                return _appended;
            }
        }
    }

    /// <summary>Completes once the log is on disk up to <paramref name="position"/> (at once when logging is off).</summary>
    public async Task WaitDurableAsync(long position)
    {
        while (true)
        {
            Task flush;
            lock (_gate)
            {
                if (!_open || _durable >= position)
                {
                    return;
                }
                // In the write under way, or still pending, in which case the writer was woken when it was appended.
                flush = _inFlight is { } current && current.End >= position ? current.Done.Task : _next.Task;
            }
            await flush;
        }
    }

    /// <summary>
    /// Closes the log file and renames it to <paramref name="movedTo"/>, then starts an empty one at
    /// <paramref name="path"/>; changes not yet written go into the new one, after the old one's, so order holds.
    /// </summary>
    public void Rotate(string path, string movedTo)
    {
        lock (_fileGate)
        {
            _file?.Dispose();
            try
            {
                File.Move(path, movedTo, overwrite: false);
            }
            finally
            {
                // Moved or not, the writer needs an open log at the path (a failed move keeps appending to the old one).
                _file = OpenFile(path);
                _fileLength = _file.Length;
            }
        }
    }

    /// <summary>One line, under the lock, so lines never interleave and their order is the order of the changes.</summary>
    private void Append<TChange>(IEmulatorStore store, TChange change, Action<Utf8JsonWriter, TChange> fields)
    {
        if (!_open)
        {
            return;
        }
        lock (_gate)
        {
            var json = StartLine();
            json.WriteString("store", store.Name);
            fields(json, change);
            EndLine(json);
        }
    }

    private static void WriteKey(Utf8JsonWriter json, string table, string key)
    {
        json.WriteString("table", table);
        json.WriteString("key", key);
    }

    private Utf8JsonWriter StartLine()
    {
        if (_json is null)
        {
            _json = new Utf8JsonWriter(_pending);
        }
        else
        {
            _json.Reset(_pending);
        }
        _lineStart = _pending.WrittenCount;
        _json.WriteStartObject();
        return _json;
    }

    private void EndLine(Utf8JsonWriter json)
    {
        json.WriteEndObject();
        json.Flush();
        _pending.Write(new ReadOnlySpan<byte>(in NewLine));
        _appended += _pending.WrittenCount - _lineStart;
        if (!_wakeRequested)
        {
            _wakeRequested = true;
            _wake.Release();
        }
    }

    private async Task WriteLoop()
    {
        while (true)
        {
            try
            {
                await _wake.WaitAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            WritePending();
        }
    }

    /// <summary>Takes what is pending, writes and fsyncs it, then releases everyone waiting on it.</summary>
    private void WritePending()
    {
        TaskCompletionSource done;
        long end;
        lock (_gate)
        {
            (_pending, _writing) = (_writing, _pending);
            _pending.ResetWrittenCount();
            end = _appended;
            done = _next;
            _inFlight = (end, done);
            _next = NewFlush();
            _wakeRequested = false;
        }
        long length;
        lock (_fileGate)
        {
            try
            {
                _file?.Write(_writing.WrittenSpan);
                _file?.Flush(flushToDisk: true);
                _fileLength += _writing.WrittenCount;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                // The answers still go out (never a hang); the operator sees why the file may be behind.
                LogNotWritten(logger, e.GetType().Name, e.Message);
            }
            length = _fileLength;
        }
        lock (_gate)
        {
            _durable = end;
            _inFlight = null;
        }
        done.SetResult();
        Written?.Invoke(length);
    }

    private static FileStream OpenFile(string path) => new(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);

    private static TaskCompletionSource NewFlush() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Writes what is still pending and closes the file (a clean stop loses nothing).</summary>
    public void Dispose()
    {
        if (!_open)
        {
            return;
        }
        _stop.Cancel();
        _writer?.Wait();
        WritePending();
        _open = false;
        lock (_fileGate)
        {
            _file?.Dispose();
            _file = null;
        }
        _stop.Dispose();
        _wake.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the state file's change log ({ExceptionType}: {Reason})")]
    private static partial void LogNotWritten(ILogger logger, string exceptionType, string reason);
}
