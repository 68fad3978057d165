using System.Text.Json;

namespace MfaEmulator.Emulator;

/// <summary>
/// <c>--seed FILE</c>: identities and hosts created at start through the same code as the control routes. Each
/// top-level key is a vendor's section (<c>huawei</c>, <c>zitadel</c>), applied by that vendor. The schema is
/// documented in README.md; examples/seed.json is a complete example.
/// </summary>
internal sealed class SeedFile(EmulatorOptions options, IEnumerable<IEmulatedVendor> vendors)
{
    public void Apply()
    {
        if (string.IsNullOrEmpty(options.SeedFile))
        {
            return;
        }
        using var seed = JsonDocument.Parse(File.ReadAllText(options.SeedFile));
        if (seed.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"{options.SeedFile} is not a JSON object.");
        }
        var byName = vendors.ToDictionary(v => v.Name, StringComparer.Ordinal);
        foreach (var section in seed.RootElement.EnumerateObject())
        {
            if (!byName.TryGetValue(section.Name, out var vendor))
            {
                throw new InvalidOperationException($"{options.SeedFile}: unknown section '{section.Name}'; the sections are {string.Join(", ", byName.Keys)}.");
            }
            if (section.Value.ValueKind == JsonValueKind.Object)
            {
                vendor.ApplySeed(section.Value, options.SeedFile);
            }
        }
    }
}
