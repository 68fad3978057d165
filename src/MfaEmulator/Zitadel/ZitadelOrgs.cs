using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MfaEmulator.Common.Randomness;
using MfaEmulator.Common.Store;

namespace MfaEmulator.Zitadel;

/// <summary>The instance: its id and the event count of its aggregate.</summary>
internal sealed record ZitadelInstance(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("sequence")] ulong Sequence);

/// <summary>An organization. <see cref="Sequence"/> counts the events of its aggregate (the whole org, not one policy).</summary>
internal sealed record ZitadelOrg(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("sequence")] ulong Sequence,
    [property: JsonPropertyName("creation_date")] DateTimeOffset CreationDate);

/// <summary>A personal access token of a machine user of <see cref="OrgId"/>, with that user's manager roles.</summary>
internal sealed record ZitadelPat(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("org_id")] string OrgId,
    [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles);

/// <summary>
/// The ZITADEL instance, its organizations and the tokens the emulator issued: what every ZITADEL API shares.
/// Each API keeps its own resources (login policies, …) and appends its events to an aggregate here, so an
/// org's sequence grows with every change made in it, as ZITADEL's event store does.
/// </summary>
internal sealed class ZitadelOrgs : IEmulatorStore
{
    public const string OrgTenant = "org_id";
    public const int OrgIdDigits = 18;
    public const int PatBytes = 52;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ZitadelOrg> _orgs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ZitadelPat> _tokens = new(StringComparer.Ordinal);

    /// <summary>Each org's tokens, so resetting an org costs that org, not every token.</summary>
    private readonly Dictionary<string, KeySet<string>> _tokensByOrg = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly IRandomSource _random;
    private readonly IStateChangeLog _log;
    private ZitadelInstance _instance;

    // The change log's tables; the instance is one record.
    private const string Instance = "instance";
    private const string Orgs = "orgs";
    private const string Tokens = "tokens";

    public ZitadelOrgs(TimeProvider clock, IRandomSource random, IStateChangeLog log)
    {
        _clock = clock;
        _random = random;
        _log = log;
        _instance = StartLocked();
    }

    public string Name => "zitadel";

    public string InstanceId
    {
        get
        {
            lock (_gate)
            {
                return _instance.Id;
            }
        }
    }

    public bool OrgExists(string orgId)
    {
        lock (_gate)
        {
            return _orgs.ContainsKey(orgId);
        }
    }

    public ZitadelPat? FindToken(string token)
    {
        lock (_gate)
        {
            return _tokens.GetValueOrDefault(token);
        }
    }

    /// <summary>
    /// A new org (control routes, seed files) with an ORG_OWNER token for it. A seed may fix the org id and the
    /// token; null when either is taken already.
    /// </summary>
    public (ZitadelOrg Org, ZitadelPat Owner)? CreateOrg(string name, string? fixedId = null, string? fixedOwnerToken = null)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (fixedId is not null && _orgs.ContainsKey(fixedId) || fixedOwnerToken is not null && _tokens.ContainsKey(fixedOwnerToken))
            {
                return null;
            }
            var id = fixedId ?? _random.NewDecimal(OrgIdDigits);
            while (_orgs.ContainsKey(id))
            {
                id = _random.NewDecimal(OrgIdDigits);
            }
            var org = new ZitadelOrg(id, name, DefaultZitadelInstance.OrgEventsAtCreation, now);
            PutOrgLocked(org);
            return (org, IssueTokenLocked(id, [ZitadelRoles.OrgOwner], fixedOwnerToken));
        }
    }

    /// <summary>A new token of a machine user in <paramref name="orgId"/>; null when there is no such org or the fixed token is taken.</summary>
    public ZitadelPat? IssueToken(string orgId, IReadOnlyList<string> roles, string? fixedToken = null)
    {
        lock (_gate)
        {
            return _orgs.ContainsKey(orgId) && (fixedToken is null || !_tokens.ContainsKey(fixedToken)) ? IssueTokenLocked(orgId, roles, fixedToken) : null;
        }
    }

    /// <summary>
    /// Pushes <paramref name="events"/> events onto an aggregate (the instance, or an org) and returns its sequence
    /// after them; null when the org no longer exists.
    /// </summary>
    public ulong? Append(string aggregateId, ulong events)
    {
        lock (_gate)
        {
            if (aggregateId == _instance.Id)
            {
                SetInstanceLocked(_instance with { Sequence = _instance.Sequence + events });
                return _instance.Sequence;
            }
            if (!_orgs.TryGetValue(aggregateId, out var org))
            {
                return null;
            }
            PutOrgLocked(org with { Sequence = org.Sequence + events });
            return org.Sequence + events;
        }
    }

    /// <summary>The aggregate's sequence now (what a list call reports as processed); 0 for an org that is gone.</summary>
    public ulong SequenceOf(string aggregateId)
    {
        lock (_gate)
        {
            return aggregateId == _instance.Id ? _instance.Sequence : _orgs.GetValueOrDefault(aggregateId)?.Sequence ?? 0;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            SetInstanceLocked(StartLocked());
        }
    }

    /// <summary>Forgets one org and its tokens; the default org comes back as it started.</summary>
    public bool ResetTenant(string tenantKey, string id)
    {
        if (tenantKey != OrgTenant)
        {
            return false;
        }
        lock (_gate)
        {
            RemoveOrgLocked(id);
            if (id == DefaultZitadelInstance.OrgId)
            {
                AddDefaultOrgLocked(_clock.GetUtcNow());
            }
        }
        return true;
    }

    public object Snapshot()
    {
        lock (_gate)
        {
            return new OrgsState(_instance, [.. _orgs.Values], [.. _tokens.Values]);
        }
    }

    public Action Load(JsonNode? state)
    {
        if (state is null)
        {
            return Reset;
        }
        var restored = StateSchema.Read<OrgsState>(state, Name);
        var orgs = StateSchema.Index(restored.Orgs, o => o.Id, Name, "org");
        var tokens = StateSchema.Index(restored.Tokens, t => t.Token, Name, "token");
        foreach (var pat in tokens.Values)
        {
            StateSchema.Require(orgs.ContainsKey(pat.OrgId), Name, $"a token names an org ({pat.OrgId}) that is not there");
            StateSchema.Require(pat.Roles.All(ZitadelRoles.Known.Contains), Name, $"a token of org {pat.OrgId} has a role that is not one of {string.Join(", ", ZitadelRoles.Known)}");
        }
        return () =>
        {
            lock (_gate)
            {
                ClearLocked();
                SetInstanceLocked(restored.Instance);
                foreach (var org in orgs.Values)
                {
                    PutOrgLocked(org);
                }
                foreach (var (value, pat) in tokens)
                {
                    AddTokenLocked(pat);
                }
            }
        };
    }

    private sealed record OrgsState(
        [property: JsonPropertyName("instance")] ZitadelInstance Instance,
        [property: JsonPropertyName("orgs")] List<ZitadelOrg> Orgs,
        [property: JsonPropertyName("tokens")] List<ZitadelPat> Tokens);

    /// <summary>Clears everything and sets up the start state: the instance, the default org and its owner's token.</summary>
    private ZitadelInstance StartLocked()
    {
        ClearLocked();
        AddDefaultOrgLocked(_clock.GetUtcNow());
        return new ZitadelInstance(DefaultZitadelInstance.InstanceId, DefaultZitadelInstance.InstanceEventsAtSetup);
    }

    private void AddDefaultOrgLocked(DateTimeOffset now)
    {
        PutOrgLocked(new ZitadelOrg(DefaultZitadelInstance.OrgId, DefaultZitadelInstance.OrgName, DefaultZitadelInstance.OrgEventsAtCreation, now));
        AddTokenLocked(new ZitadelPat(
            DefaultZitadelInstance.OwnerPat, DefaultZitadelInstance.OrgId, [ZitadelRoles.OrgOwner, ZitadelRoles.IamOwner]));
    }

    private ZitadelPat IssueTokenLocked(string orgId, IReadOnlyList<string> roles, string? fixedToken = null)
    {
        var pat = new ZitadelPat(fixedToken ?? _random.NewToken(PatBytes), orgId, [.. roles.Distinct(StringComparer.Ordinal)]);
        AddTokenLocked(pat);
        return pat;
    }

    private void AddTokenLocked(ZitadelPat pat)
    {
        _tokens[pat.Token] = pat;
        _log.Put(this, Tokens, pat.Token, pat);
        if (!_tokensByOrg.TryGetValue(pat.OrgId, out var tokens))
        {
            tokens = new KeySet<string>();
            _tokensByOrg.Add(pat.OrgId, tokens);
        }
        tokens.Add(pat.Token);
    }

    private void ClearLocked()
    {
        _orgs.Clear();
        _tokens.Clear();
        _tokensByOrg.Clear();
        _log.Clear(this);
    }

    private void SetInstanceLocked(ZitadelInstance instance)
    {
        _instance = instance;
        _log.Put(this, Instance, Instance, instance);
    }

    private void PutOrgLocked(ZitadelOrg org)
    {
        _orgs[org.Id] = org;
        _log.Put(this, Orgs, org.Id, org);
    }

    /// <summary>An org goes with its tokens (a replayed removal does the same).</summary>
    private void RemoveOrgLocked(string orgId)
    {
        if (_orgs.Remove(orgId))
        {
            _log.Remove(this, Orgs, orgId);
        }
        foreach (var token in _tokensByOrg.Remove(orgId, out var tokens) ? tokens : [])
        {
            _tokens.Remove(token);
        }
    }

    public void Replay(StateChange change) => change.ReplayUnder(_gate, ClearLocked, key =>
    {
        switch (change.Table)
        {
            case Instance:
                SetInstanceLocked(change.ValueAs<ZitadelInstance>() ?? throw new InvalidStateException($"'{Name}': the instance cannot be removed"));
                break;
            case Orgs when change.ValueAs<ZitadelOrg>(o => o.Id) is { } org:
                PutOrgLocked(org);
                break;
            case Orgs:
                RemoveOrgLocked(key);
                break;
            case Tokens when change.ValueAs<ZitadelPat>(t => t.Token) is { } pat:
                StateSchema.Require(_orgs.ContainsKey(pat.OrgId), Name, $"a token change names an org ({pat.OrgId}) that is not there");
                AddTokenLocked(pat);
                break;
            default:
                throw change.UnknownTable();
        }
    });
}
