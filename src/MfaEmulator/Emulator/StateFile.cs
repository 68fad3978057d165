using System.Text.Json;
using System.Text.Json.Nodes;
using MfaEmulator.Common.Store;

namespace MfaEmulator.Emulator;

/// <summary>
/// <c>--state-file FILE</c>: the state is loaded at start and written after every change, atomically (a
/// temporary file renamed over the old one), so a crash never leaves a half-written file.
/// </summary>
internal sealed partial class StateFile(EmulatorState state, EmulatorOptions options, ILogger<StateFile> logger)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly Lock _gate = new();

    public bool Enabled => !string.IsNullOrEmpty(options.StateFile);

    /// <summary>True when a state file existed and was loaded.</summary>
    public bool TryLoad()
    {
        if (!Enabled)
        {
            return false;
        }
        var path = Path.GetFullPath(options.StateFile!);
        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            throw new StartupException($"--state-file {path}: the directory {Path.GetDirectoryName(path)} does not exist");
        }
        if (!File.Exists(path))
        {
            return false;
        }
        var document = StartupFailure.ReadJson(path, "--state-file", text => JsonNode.Parse(text)) as JsonObject
            ?? throw new StartupException($"--state-file {path}: not a JSON object");
        try
        {
            state.Restore(document);
        }
        catch (InvalidStateException e)
        {
            throw new StartupException($"--state-file {path}: {e.Message}", e);
        }
        LogLoaded(logger, options.StateFile!);
        return true;
    }

    public void Save()
    {
        if (!Enabled)
        {
            return;
        }
        lock (_gate)
        {
            var path = Path.GetFullPath(options.StateFile!);
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, state.Snapshot().ToJsonString(Indented));
            File.Move(temporary, path, overwrite: true);
        }
    }

    /// <summary>
    /// Writes the state when a change succeeds (a 2xx to anything but GET/HEAD), before the answer starts, so every
    /// change the client saw acknowledged is on disk even if the process is killed right after. Refused calls
    /// write nothing.
    /// </summary>
    public static IApplicationBuilder UseStateFile(IApplicationBuilder app, StateFile file) => !file.Enabled ? app : app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode is >= 200 and < 300)
                {
                    file.SaveOrLog();
                }
                return Task.CompletedTask;
            });
        }
        await next(context);
    });

    private void SaveOrLog()
    {
        try
        {
            Save();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogNotSaved(logger, options.StateFile!, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the state file {Path} ({ExceptionType})")]
    private static partial void LogNotSaved(ILogger logger, string path, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the emulator state from {Path}")]
    private static partial void LogLoaded(ILogger logger, string path);
}
