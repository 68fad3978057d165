using System.Text.Json;
using System.Text.Json.Serialization;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Huawei.Hss;

namespace MfaEmulator.Emulator;

/// <summary>
/// <c>--seed FILE</c>: identities and hosts created at start through the same code as the control routes.
/// The schema is documented in README.md; examples/seed.json is a complete example.
/// </summary>
internal sealed record SeedDocument(
    [property: JsonPropertyName("huawei")] HuaweiSeed? Huawei,
    [property: JsonPropertyName("zitadel")] JsonElement? Zitadel);

internal sealed record HuaweiSeed(
    [property: JsonPropertyName("users")] IReadOnlyList<CreateHuaweiUserBody>? Users,
    [property: JsonPropertyName("hosts")] IReadOnlyList<CreateHssHostBody>? Hosts);

internal sealed class SeedFile(EmulatorOptions options, HuaweiAccounts accounts, HssStore hosts, IEnumerable<ISeedSection> sections)
{
    public void Apply()
    {
        if (string.IsNullOrEmpty(options.SeedFile))
        {
            return;
        }
        var seed = JsonSerializer.Deserialize<SeedDocument>(File.ReadAllText(options.SeedFile))
            ?? throw new InvalidOperationException($"{options.SeedFile} is empty.");
        foreach (var user in seed.Huawei?.Users ?? [])
        {
            if (user.Name is null || HuaweiControlEndpoints.Provision(accounts, user) is null)
            {
                throw new InvalidOperationException($"{options.SeedFile}: user '{user.Name}' has no name, names an unknown account, or repeats a name.");
            }
        }
        foreach (var host in seed.Huawei?.Hosts ?? [])
        {
            if (host.ProjectId is null || host.HostName is null)
            {
                throw new InvalidOperationException($"{options.SeedFile}: every host needs project_id and host_name.");
            }
            HuaweiControlEndpoints.CreateHost(host, hosts);
        }
        foreach (var section in sections)
        {
            section.Apply(seed, options.SeedFile);
        }
    }
}

/// <summary>A part of the seed file another API owns (ZITADEL orgs and tokens).</summary>
internal interface ISeedSection
{
    void Apply(SeedDocument seed, string fileName);
}
