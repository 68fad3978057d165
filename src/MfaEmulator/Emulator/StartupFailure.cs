using System.Text.Json;

namespace MfaEmulator.Emulator;

/// <summary>A start-up file or setting the emulator cannot use; the message names the file (and line) or the option.</summary>
internal sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Turns what can go wrong at start-up into the one line a user reads (exit code 2), never a stack trace.</summary>
internal static class StartupFailure
{
    public static string? Explain(Exception e) => e switch
    {
        StartupException known => known.Message,
        IOException io when io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) =>
            $"{io.Message.TrimEnd('.')}. Another process listens there: stop it, or pick a port with --urls http://127.0.0.1:<port> (0 for a free one).",
        InvalidOperationException binding when binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            $"{binding.Message} Check the matching --option or Emulator__* environment variable ({CommandLine.Command} --help).",
        _ => null,
    };

    /// <summary>Reads a JSON start-up file; a missing or malformed one is a <see cref="StartupException"/> naming the file and line.</summary>
    public static T ReadJson<T>(string path, string option, Func<string, T> parse)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"{option} {path}: cannot be read ({e.Message})", e);
        }
        try
        {
            return parse(text);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : "";
            throw new StartupException($"{option} {path}: not valid JSON{where}", e);
        }
    }
}
