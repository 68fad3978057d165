using System.Text.Json;
using System.Text.Json.Nodes;
using MfaEmulator.Common.Store;

namespace MfaEmulator.Emulator;

/// <summary>
/// <c>--state-file FILE</c>: a snapshot (<c>FILE</c>, the document of <c>GET /_emulator/state</c>) and a change log
/// after it (<c>FILE.log</c>, <see cref="StateLog"/>). A change costs one appended line, on disk before its answer;
/// when the log outgrows the snapshot it is folded into a new snapshot in the background, so the log's length stays
/// in proportion to the state and a change's cost does not grow with it.
/// At start the snapshot is loaded and the log replayed; a last line cut short by a crash is ignored (its change
/// was never acknowledged), then the result is written as the new snapshot.
/// </summary>
internal sealed partial class StateFile(EmulatorState state, StateLog log, EmulatorOptions options, ILogger<StateFile> logger)
{
    private int _compacting;
    private long _snapshotBytes;

    public bool Enabled => !string.IsNullOrEmpty(options.StateFile);

    private string SnapshotPath => Path.GetFullPath(options.StateFile!);

    private string LogPath => SnapshotPath + ".log";

    /// <summary>The log being folded into a snapshot; still read at start if a crash came before it was deleted.</summary>
    private string FoldingPath => SnapshotPath + ".log.folding";

    /// <summary>True when a state file existed and was loaded.</summary>
    public bool TryLoad()
    {
        if (!Enabled)
        {
            return false;
        }
        var path = SnapshotPath;
        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            throw new StartupException($"--state-file {path}: the directory {Path.GetDirectoryName(path)} does not exist");
        }
        var loaded = false;
        if (File.Exists(path))
        {
            var document = StartupFailure.ReadJson(path, "--state-file", text => JsonNode.Parse(text)) as JsonObject
                ?? throw new StartupException($"--state-file {path}: not a JSON object");
            Restore(path, document);
            loaded = true;
        }
        var replayed = Replay(FoldingPath) + Replay(LogPath);
        if (replayed > 0)
        {
            // The replayed changes were checked one by one; this checks what spans records (a token's user is there, …).
            Restore(LogPath, state.Snapshot());
            loaded = true;
        }
        if (loaded)
        {
            LogLoaded(logger, options.StateFile!, replayed);
        }
        return loaded;
    }

    /// <summary>After the start state is in place: writes it as the snapshot, drops the replayed logs and starts logging.</summary>
    public void Open()
    {
        if (!Enabled)
        {
            return;
        }
        try
        {
            WriteSnapshot();
            File.Delete(FoldingPath);
            File.Delete(LogPath);
            log.Written = CompactWhenLarge;
            log.Open(LogPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"--state-file {SnapshotPath}: cannot be written ({e.Message})", e);
        }
    }

    /// <summary>
    /// Holds the answer to a successful change (a 2xx to anything but GET/HEAD) until every change made so far is on
    /// disk, so a change the client saw acknowledged survives <c>kill -9</c>. Refused calls change nothing and wait for nothing.
    /// </summary>
    public static IApplicationBuilder UseStateFile(IApplicationBuilder app, StateFile file) => !file.Enabled ? app : app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.OnStarting(() => context.Response.StatusCode is >= 200 and < 300 ? file.WaitForChangesSoFar() : Task.CompletedTask);
        }
        await next(context);
    });

    private Task WaitForChangesSoFar() => log.WaitDurableAsync(log.Appended);

    private void Restore(string path, JsonObject document)
    {
        try
        {
            state.Restore(document);
        }
        catch (InvalidStateException e)
        {
            throw new StartupException($"--state-file {path}: {e.Message}", e);
        }
    }

    /// <summary>Applies a change log line by line; returns how many changes it held.</summary>
    private int Replay(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }
        var lines = File.ReadAllBytes(path).AsMemory();
        var count = 0;
        var number = 0;
        while (!lines.IsEmpty)
        {
            number++;
            var end = lines.Span.IndexOf((byte)'\n');
            if (end < 0)
            {
                // Cut short by a crash while it was written: its change was never acknowledged.
                LogTornRecord(logger, path, number);
                break;
            }
            Apply(path, number, lines[..end]);
            lines = lines[(end + 1)..];
            count++;
        }
        return count;
    }

    private void Apply(string path, int number, ReadOnlyMemory<byte> line)
    {
        try
        {
            state.Replay(JsonSerializer.Deserialize<StateChange>(line.Span) ?? throw new InvalidStateException("null is not a change"));
        }
        catch (Exception e) when (e is JsonException or InvalidStateException or ArgumentException)
        {
            throw new StartupException($"--state-file {path}: line {number} is not a change this emulator can apply: {e.Message}", e);
        }
    }

    /// <summary>Starts a fold when the log has grown past the snapshot's size (at least 1 MiB), one at a time.</summary>
    private void CompactWhenLarge(long logBytes)
    {
        if (logBytes < Math.Max(options.StateLogFoldBytes, Interlocked.Read(ref _snapshotBytes)) || Interlocked.Exchange(ref _compacting, 1) == 1)
        {
            return;
        }
        _ = Task.Run(() =>
        {
            try
            {
                Compact();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogNotCompacted(logger, e.GetType().Name);
            }
            finally
            {
                Volatile.Write(ref _compacting, 0);
            }
        });
    }

    /// <summary>
    /// Moves the log aside, writes a snapshot taken after that, then deletes the moved log. A crash at any point
    /// loses nothing: the moved log is replayed before the new one, and replaying whole records over a snapshot
    /// that already holds them gives the same state.
    /// </summary>
    private void Compact()
    {
        // A fold that failed before its end left its moved log: this snapshot covers it, and the live log waits for the next fold.
        if (!File.Exists(FoldingPath))
        {
            log.Rotate(LogPath, FoldingPath);
        }
        WriteSnapshot();
        File.Delete(FoldingPath);
    }

    /// <summary>One writer at a time: <see cref="Open"/> runs before logging starts, and folds run one at a time.</summary>
    private void WriteSnapshot()
    {
        var path = SnapshotPath;
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true }))
            {
                state.WriteSnapshot(json);
            }
            file.Flush(flushToDisk: true);
            Interlocked.Exchange(ref _snapshotBytes, file.Length);
        }
        File.Move(temporary, path, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the emulator state from {Path} ({Changes} changes replayed from its log)")]
    private static partial void LogLoaded(ILogger logger, string path, int changes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored the last line ({Line}) of {Path}: it was cut short, so its change was never acknowledged")]
    private static partial void LogTornRecord(ILogger logger, string path, int line);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not fold the state file's change log into a snapshot ({ExceptionType}); the log keeps growing and nothing is lost")]
    private static partial void LogNotCompacted(ILogger logger, string exceptionType);
}
