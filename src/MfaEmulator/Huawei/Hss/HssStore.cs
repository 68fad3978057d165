using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MfaEmulator.Common.Store;

namespace MfaEmulator.Huawei.Hss;

/// <summary>A server HSS protects, with its two-factor login settings.</summary>
internal sealed record HssHost(
    [property: JsonPropertyName("host_id")] string HostId,
    [property: JsonPropertyName("host_name")] string HostName,
    [property: JsonPropertyName("os_type")] string OsType,
    [property: JsonPropertyName("enterprise_project_id")] string EnterpriseProjectId,
    [property: JsonPropertyName("auth_switch")] bool AuthSwitch = false,
    [property: JsonPropertyName("auth_type")] string? AuthType = null,
    [property: JsonPropertyName("topic_display_name")] string? TopicDisplayName = null,
    [property: JsonPropertyName("topic_urn")] string? TopicUrn = null);

/// <summary>What a configuration call did: refused for a host outside the enterprise project or unknown, or applied (registering these).</summary>
internal readonly record struct HssConfigOutcome(string? OutsideHost, string? UnknownHost, IReadOnlyList<string> Registered);

/// <summary>Hosts per project. One lock: a configuration call changes all its hosts or none.</summary>
internal sealed class HssStore(IStateChangeLog log) : IEmulatorStore
{
    /// <summary>The log's table: a project's hosts, all in one record, so a configuration call is one change.</summary>
    private const string Projects = "projects";

    /// <summary>HSS's name for "every enterprise project" in <c>enterprise_project_id</c>.</summary>
    public const string AllEnterpriseProjects = "all_granted_eps";
    public const string DefaultEnterpriseProject = "0";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, HssHost>> _projects = new(StringComparer.Ordinal);

    /// <summary>
    /// Applies one configuration to every listed host, or to none. A host id the project has never seen is
    /// registered on the spot (named after its id) when <paramref name="registerUnknown"/>, so the documented example
    /// works against an empty emulator; otherwise it is refused, as HSS refuses a server without an agent.
    /// </summary>
    public HssConfigOutcome Configure(string projectId, string? enterpriseProjectId, TwoFactorLoginConfigBody config, bool registerUnknown)
    {
        lock (_gate)
        {
            var hosts = _projects.GetValueOrDefault(projectId) ?? [];
            var hostIds = config.HostIdList!.Select(id => id!).Distinct(StringComparer.Ordinal).ToList();
            var outsider = hostIds.FirstOrDefault(id => hosts.TryGetValue(id, out var host) && !InScope(host, enterpriseProjectId));
            if (outsider is not null)
            {
                return new HssConfigOutcome(OutsideHost: outsider, UnknownHost: null, Registered: []);
            }
            var unknown = hostIds.Where(id => !hosts.ContainsKey(id)).ToList();
            if (unknown.Count > 0 && !registerUnknown)
            {
                return new HssConfigOutcome(OutsideHost: null, UnknownHost: unknown[0], Registered: []);
            }
            foreach (var id in hostIds)
            {
                var host = hosts.GetValueOrDefault(id) ?? NewHost(id, enterpriseProjectId);
                hosts[id] = host with
                {
                    AuthSwitch = config.Enabled!.Value,
                    AuthType = config.AuthType,
                    TopicDisplayName = config.TopicDisplayName,
                    TopicUrn = config.TopicUrn,
                };
            }
            PutLocked(projectId, hosts);
            return new HssConfigOutcome(OutsideHost: null, UnknownHost: null, Registered: unknown);
        }
    }

    public (int Total, IReadOnlyList<HssHost> Page) List(string projectId, string? enterpriseProjectId, string? hostName, string? displayName, int offset, int limit)
    {
        lock (_gate)
        {
            var matching = (_projects.TryGetValue(projectId, out var hosts) ? hosts.Values : Enumerable.Empty<HssHost>())
                .Where(h => InScope(h, enterpriseProjectId))
                .Where(h => hostName is null || h.HostName.Contains(hostName, StringComparison.OrdinalIgnoreCase))
                .Where(h => displayName is null || (h.TopicDisplayName?.Contains(displayName, StringComparison.OrdinalIgnoreCase) ?? false))
                .OrderBy(h => h.HostName, StringComparer.Ordinal)
                .ThenBy(h => h.HostId, StringComparer.Ordinal)
                .ToList();
            return (matching.Count, [.. matching.Skip(offset).Take(limit)]);
        }
    }

    /// <summary>Registers a host (control routes); an existing id keeps its settings but takes the new name and OS.</summary>
    public HssHost AddHost(string projectId, HssHost host)
    {
        lock (_gate)
        {
            var hosts = _projects.GetValueOrDefault(projectId) ?? [];
            var stored = hosts.TryGetValue(host.HostId, out var existing)
                ? existing with { HostName = host.HostName, OsType = host.OsType, EnterpriseProjectId = host.EnterpriseProjectId }
                : host;
            hosts[host.HostId] = stored;
            PutLocked(projectId, hosts);
            return stored;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            ClearLocked();
        }
    }

    public string Name => "hss";

    public bool ResetTenant(string tenantKey, string id)
    {
        if (tenantKey != HuaweiVendor.ProjectTenant)
        {
            return false;
        }
        lock (_gate)
        {
            if (_projects.Remove(id))
            {
                log.Remove(this, Projects, id);
            }
        }
        return true;
    }

    /// <summary>State document: <c>{"&lt;project_id&gt;": [host, …]}</c>.</summary>
    public object Snapshot()
    {
        lock (_gate)
        {
            return _projects.ToDictionary(p => p.Key, p => p.Value.Values.ToList(), StringComparer.Ordinal);
        }
    }

    public Action Load(JsonNode? state)
    {
        var projects = state is null ? [] : StateSchema.Read<Dictionary<string, List<HssHost>>>(state, Name);
        var indexed = projects.ToDictionary(p => p.Key, p => StateSchema.Index(p.Value, h => h.HostId, Name, $"in project {p.Key}, host"), StringComparer.Ordinal);
        return () =>
        {
            lock (_gate)
            {
                ClearLocked();
                foreach (var (projectId, hosts) in indexed)
                {
                    PutLocked(projectId, hosts);
                }
            }
        };
    }

    public void Replay(StateChange change) => change.ReplayUnder(_gate, ClearLocked, key =>
    {
        change.RequireTable(Projects);
        _projects.Remove(key);
        if (change.ValueAs<List<HssHost>>() is { } hosts)
        {
            _projects[key] = StateSchema.Index(hosts, h => h.HostId, Name, $"in project {change.Key}, host");
        }
    });

    private void PutLocked(string projectId, Dictionary<string, HssHost> hosts)
    {
        _projects[projectId] = hosts;
        log.Put(this, Projects, projectId, hosts.Values);
    }

    private void ClearLocked()
    {
        _projects.Clear();
        log.Clear(this);
    }

    private static bool InScope(HssHost host, string? enterpriseProjectId) =>
        enterpriseProjectId is null or AllEnterpriseProjects || host.EnterpriseProjectId == enterpriseProjectId;

    private static HssHost NewHost(string id, string? enterpriseProjectId) =>
        new(id, HostName: $"host-{id[..Math.Min(8, id.Length)]}", OsType: "Linux",
            EnterpriseProjectId: enterpriseProjectId is null or AllEnterpriseProjects ? DefaultEnterpriseProject : enterpriseProjectId);
}
