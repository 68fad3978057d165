using System.Text.Json;

namespace MfaEmulator.Emulator;

/// <summary>
/// <c>--seed FILE</c>: identities and hosts created at start through the same code as the control routes. Each
/// top-level key is a vendor's section (<c>huawei</c>, <c>zitadel</c>), applied by that vendor. The schema is
/// documented in README.md; examples/seed.json is a complete example.
/// </summary>
internal sealed partial class SeedFile(EmulatorOptions options, IEnumerable<IEmulatedVendor> vendors, ILogger<SeedFile> logger)
{
    public void Apply()
    {
        if (string.IsNullOrEmpty(options.SeedFile))
        {
            return;
        }
        var file = options.SeedFile;
        using var seed = StartupFailure.ReadJson(file, "--seed", text => JsonDocument.Parse(text));
        if (seed.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new StartupException($"--seed {file}: not a JSON object");
        }
        var byName = vendors.ToDictionary(v => v.Name, StringComparer.Ordinal);
        foreach (var section in seed.RootElement.EnumerateObject())
        {
            if (!byName.TryGetValue(section.Name, out var vendor))
            {
                throw new StartupException($"--seed {file}: unknown section '{section.Name}'; the sections are {string.Join(", ", byName.Keys)}");
            }
            if (section.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            try
            {
                vendor.ApplySeed(section.Value, file);
            }
            catch (Exception e) when (e is InvalidOperationException or JsonException)
            {
                throw new StartupException(e is JsonException ? $"--seed {file}: '{section.Name}' does not fit: {e.Message}" : $"--seed {e.Message}", e);
            }
        }
        var sections = string.Join(", ", seed.RootElement.EnumerateObject().Select(s => s.Name));
        LogSeeded(logger, file, sections);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded from {Path} ({Sections})")]
    private static partial void LogSeeded(ILogger logger, string path, string sections);
}
