using System.Text.Json;
using System.Text.Json.Serialization;

namespace MfaEmulator.Zitadel.Control;

/// <summary>The <c>zitadel</c> part of a <c>--seed</c> file: orgs (with fixed ids and owner tokens if given) and tokens.</summary>
internal sealed record ZitadelSeed(
    [property: JsonPropertyName("orgs")] IReadOnlyList<ZitadelSeedOrg>? Orgs,
    [property: JsonPropertyName("tokens")] IReadOnlyList<ZitadelSeedToken>? Tokens);

internal sealed record ZitadelSeedOrg(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("org_id")] string? OrgId,
    [property: JsonPropertyName("token")] string? Token);

internal sealed record ZitadelSeedToken(
    [property: JsonPropertyName("org_id")] string? OrgId,
    [property: JsonPropertyName("roles")] IReadOnlyList<string>? Roles,
    [property: JsonPropertyName("token")] string? Token);

internal static class ZitadelSeedSection
{
    public static void Apply(JsonElement section, string fileName, ZitadelOrgs store)
    {
        var zitadel = section.Deserialize<ZitadelSeed>()!;
        foreach (var org in zitadel.Orgs ?? [])
        {
            if (string.IsNullOrWhiteSpace(org.Name) || org.OrgId is { } id && (id.Length != 18 || !id.All(char.IsAsciiDigit))
                || store.CreateOrg(org.Name, org.OrgId, org.Token) is null)
            {
                throw new InvalidOperationException($"{fileName}: org '{org.Name}' needs a name, an 18-digit org_id if any, and an id and token not used before.");
            }
        }
        foreach (var token in zitadel.Tokens ?? [])
        {
            if (token.OrgId is null || token.Roles is not { Count: > 0 } roles || roles.Any(r => !ZitadelRoles.Known.Contains(r))
                || store.IssueToken(token.OrgId, roles, token.Token) is null)
            {
                throw new InvalidOperationException($"{fileName}: a token needs an existing org_id, known roles ({string.Join(", ", ZitadelRoles.Known)}) and an unused token value.");
            }
        }
    }
}
