namespace MfaEmulator.Emulator;

/// <summary>The emulator's own settings: command line (<c>--strict</c>, <c>--seed FILE</c>, …) or <c>Emulator__*</c> environment variables.</summary>
internal sealed class EmulatorOptions
{
    public const string Section = "Emulator";
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Command-line switches and the configuration keys they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>
    {
        ["--strict"] = $"{Section}:{nameof(Strict)}",
        ["--control-key"] = $"{Section}:{nameof(ControlKey)}",
        ["--seed"] = $"{Section}:{nameof(SeedFile)}",
        ["--state-file"] = $"{Section}:{nameof(StateFile)}",
        ["--journal-size"] = $"{Section}:{nameof(JournalSize)}",
        ["--random-seed"] = $"{Section}:{nameof(RandomSeed)}",
        ["--max-body-bytes"] = $"{Section}:{nameof(MaxRequestBodyBytes)}",
    };

    /// <summary>Switches that take no value: <c>--strict</c> alone means <c>--strict true</c>.</summary>
    private static readonly string[] Flags = ["--strict"];

    public bool Strict { get; set; }

    public string? ControlKey { get; set; }

    public string? SeedFile { get; set; }

    public string? StateFile { get; set; }

    public int JournalSize { get; set; } = 200;

    public int? RandomSeed { get; set; }

    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    public static string[] NormalizeArgs(string[] args)
    {
        var normalized = new List<string>(args.Length + 1);
        for (var i = 0; i < args.Length; i++)
        {
            normalized.Add(args[i]);
            var isLastOrFollowedBySwitch = i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal);
            if (Flags.Contains(args[i]) && isLastOrFollowedBySwitch)
            {
                normalized.Add("true");
            }
        }
        return [.. normalized];
    }
}
