using System.Security.Cryptography;
using System.Text;

namespace MfaEmulator.Huawei.Keystone;

/// <summary>
/// The services a token's catalog lists (iam_30_0001): IAM for every token, and HSS for a project-scoped one, all at
/// the emulator's own base URL, so a client that discovers endpoints from the catalog stays on the emulator.
/// Global services use region "*", as the page's examples do.
/// </summary>
internal static class TokenCatalog
{
    public static IReadOnlyList<CatalogEntry> For(string baseUrl, ProjectView? project)
    {
        var entries = new List<CatalogEntry> { Entry("iam", "*", $"{baseUrl}/v3.0") };
        if (project is not null)
        {
            entries.Add(Entry("hss", project.Name, $"{baseUrl}/v5/{project.Id}"));
        }
        return entries;
    }

    private static CatalogEntry Entry(string service, string region, string url) =>
        new(service, IdOf(service), service, [new CatalogEndpoint(IdOf(service + "/" + region), "public", region, region, url)]);

    /// <summary>Stable 32-hex ids, like the real catalog's.</summary>
    private static string IdOf(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..32];
}
