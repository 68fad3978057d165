using System.Globalization;

namespace MfaEmulator.Emulator;

/// <summary>One command-line option: how it is written, what it sets, its default, and what a value must be.</summary>
internal sealed record CommandLineOption(string Name, string? Placeholder, string ConfigKey, string Default, string Description, Func<string, string?>? Check = null)
{
    public bool IsFlag => Placeholder is null;

    /// <summary>The environment variable that sets the same thing (ASP.NET's <c>__</c> for <c>:</c>).</summary>
    public string EnvironmentVariable => ConfigKey == "urls" ? "ASPNETCORE_URLS" : ConfigKey.Replace(":", "__", StringComparison.Ordinal);
}

/// <summary>What the command line asks for: run with these configuration arguments, or stop now (help, version, a mistake).</summary>
internal sealed record CommandLineResult(string[] ConfigurationArgs, int? ExitCode, string? Output, bool Verbose)
{
    public static CommandLineResult Stop(int exitCode, string output) => new([], exitCode, output, Verbose: false);
}

/// <summary>
/// The emulator's command line: every option known, values checked, mistakes refused with one line naming the
/// option and exit code 2 (never a silent default). Relative paths are taken against the caller's working directory.
/// ASP.NET configuration keys (<c>--Logging:LogLevel:Default Debug</c>, <c>--Kestrel:…</c>) pass through.
/// </summary>
internal static class CommandLine
{
    public const string Command = "mfa-emulator";
    private const int MaxJournalSize = 1_000_000;

    /// <summary>
    /// The generic host's own settings, which a test host (WebApplicationFactory) passes as arguments too, with the
    /// configuration sections it names (<c>--Emulator=</c> before <c>--Emulator:Strict=…</c>).
    /// </summary>
    private static readonly string[] HostSettings = ["--environment", "--contentRoot", "--applicationName", "--" + EmulatorOptions.Section];

    public static readonly IReadOnlyList<CommandLineOption> Options =
    [
        new("--urls", "URL[;URL]", "urls", EmulatorOptions.DefaultUrl, "where to listen; port 0 picks a free port (printed on the \"listening\" line)"),
        new("--grpc-urls", "URL[;URL]", "Emulator:GrpcUrls", EmulatorOptions.DefaultGrpcUrl, "where native gRPC (HTTP/2 without TLS) listens; port 0 picks a free port; none: off"),
        new("--strict", null, "Emulator:Strict", "off", "only issued credentials and the vendors' permission rules"),
        new("--seed", "FILE", "Emulator:SeedFile", "none", "identities and hosts to create at start (see examples/seed.json)", MustExist),
        new("--state-file", "FILE", "Emulator:StateFile", "none", "keep the state across restarts in FILE (its directory must exist)", DirectoryMustExist),
        new("--control-key", "KEY", "Emulator:ControlKey", "none", "the control routes then need X-Emulator-Key: KEY; needed to listen beyond loopback", v => v.Length == 0 ? "must not be empty" : null),
        new("--journal-size", "N", "Emulator:JournalSize", "200", "how many requests GET /_emulator/requests keeps (0: none)", v => Integer(v, 0, MaxJournalSize)),
        new("--max-body-bytes", "N", "Emulator:MaxRequestBodyBytes", "1048576", "larger request bodies get 413 in the vendor's envelope", v => Integer(v, 1, int.MaxValue)),
        new("--random-seed", "N", "Emulator:RandomSeed", "none", "repeatable ids, seeds and tokens (tests only, not secret)", v => Integer(v, int.MinValue, int.MaxValue)),
        new("--verbose", null, "Emulator:Verbose", "off", "log ASP.NET's own lines too (the default is one line per request)"),
        new("--no-huge-pages", null, "Emulator:NoHugePages", "off", "leave the GC heap to the kernel's default pages (Linux; see README)"),
    ];

    public static CommandLineResult Parse(string[] args, string workingDirectory)
    {
        var configuration = new List<string>();
        var verbose = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h" or "-?")
            {
                return CommandLineResult.Stop(0, Help());
            }
            if (arg is "--version")
            {
                return CommandLineResult.Stop(0, $"{Command} {HealthEndpoints.Version}");
            }
            var (name, inline) = arg.Split('=', 2) is [var n, var v] ? (n, v) : (arg, null);
            if (IsConfigurationKey(name))
            {
                // An ASP.NET configuration key (--Logging:LogLevel:Default Debug) or a host setting (--environment Testing).
                var passValue = inline ?? (i + 1 < args.Length ? args[++i] : null);
                if (passValue is null)
                {
                    return Mistake($"{name} needs a value");
                }
                configuration.Add($"--{name[2..]}={passValue}");
                continue;
            }
            var option = Options.FirstOrDefault(o => o.Name == name);
            if (option is null)
            {
                return Mistake($"unknown option {arg}{Suggestion(name)}; {Command} --help lists them");
            }
            string value;
            if (option.IsFlag)
            {
                value = inline ?? (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true");
                if (!bool.TryParse(value, out var flag))
                {
                    return Mistake($"{option.Name} takes true or false, not '{value}'");
                }
                value = flag ? "true" : "false";
                verbose |= option.Name == "--verbose" && flag;
            }
            else
            {
                var given = inline ?? (i + 1 < args.Length ? args[++i] : null);
                if (given is null)
                {
                    return Mistake($"{option.Name} needs a value: {option.Name} {option.Placeholder}");
                }
                value = option.Placeholder == "FILE" ? Path.GetFullPath(given, workingDirectory) : given;
                if (option.Check?.Invoke(value) is { } problem)
                {
                    return Mistake($"{option.Name} {given}: {problem}");
                }
            }
            configuration.Add($"--{option.ConfigKey}={value}");
        }
        return new CommandLineResult([.. configuration], ExitCode: null, Output: null, verbose);
    }

    /// <summary>
    /// An ASP.NET configuration key (it has a ':'), a host setting, or what WebApplicationFactory adds from
    /// ASPNETCORE_TEST_CONTENTROOT_* variables: these pass through to configuration.
    /// </summary>
    private static bool IsConfigurationKey(string name) =>
        name.StartsWith("--", StringComparison.Ordinal)
        && (name.Contains(':', StringComparison.Ordinal)
            || HostSettings.Contains(name, StringComparer.OrdinalIgnoreCase)
            || name.StartsWith("--TEST_CONTENTROOT_", StringComparison.Ordinal));

    public static string Help()
    {
        var lines = new List<string>
        {
            $"{Command} {HealthEndpoints.Version}: a local emulator of Huawei Cloud and ZITADEL MFA configuration APIs.",
            "",
            $"Usage: {Command} [options]",
            "",
            "Options (each also as an environment variable):",
        };
        foreach (var option in Options)
        {
            var usage = option.IsFlag ? option.Name : $"{option.Name} {option.Placeholder}";
            lines.Add($"  {usage,-28} {option.Description}");
            lines.Add($"  {"",-28} default: {option.Default}; environment: {option.EnvironmentVariable}");
        }
        lines.Add($"  {"--help, -h",-28} this text");
        lines.Add($"  {"--version",-28} the version");
        lines.Add($"  {"--<Key>:<Sub> VALUE",-28} an ASP.NET configuration key, e.g. --Logging:LogLevel:Default Debug");
        lines.Add("");
        lines.Add("Swagger UI: http://127.0.0.1:5080/swagger. Exit codes: 0 stopped (SIGINT/SIGTERM), 2 a bad option or start-up file.");
        return string.Join(Environment.NewLine, lines);
    }

    private static CommandLineResult Mistake(string message) => CommandLineResult.Stop(2, $"{Command}: {message}");

    private static string Suggestion(string name)
    {
        var nearest = Options.Select(o => o.Name).OrderBy(o => Distance(o, name)).First();
        return Distance(nearest, name) <= 3 ? $" (did you mean {nearest}?)" : "";
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return row[b.Length];
    }

    private static string? Integer(string value, long min, long max) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? null
            : $"must be an integer from {min} to {max}";

    private static string? MustExist(string path) => File.Exists(path) ? null : $"no such file ({path})";

    private static string? DirectoryMustExist(string path) =>
        Directory.Exists(Path.GetDirectoryName(path)) ? null : $"the directory {Path.GetDirectoryName(path)} does not exist";
}
