using System.Text.Json;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Huawei.Hss;

namespace MfaEmulator.Huawei.Control;

/// <summary>The <c>huawei</c> part of a <c>--seed</c> file: users (with accounts, keys and tokens) and HSS hosts, made as the control routes make them.</summary>
internal static class HuaweiSeedSection
{
    public static void Apply(JsonElement section, string fileName, HuaweiAccounts accounts, HssStore hosts)
    {
        var seed = section.Deserialize<HuaweiSeed>()!;
        foreach (var user in seed.Users ?? [])
        {
            if (user.Name is null || HuaweiControlEndpoints.Provision(accounts, user) is null)
            {
                throw new InvalidOperationException($"{fileName}: user '{user.Name}' has no name, names an unknown account, or repeats a name.");
            }
        }
        foreach (var host in seed.Hosts ?? [])
        {
            if (host.ProjectId is null || host.HostName is null)
            {
                throw new InvalidOperationException($"{fileName}: every host needs project_id and host_name.");
            }
            HuaweiControlEndpoints.CreateHost(host, hosts);
        }
    }
}
