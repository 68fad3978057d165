using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MfaEmulator.Common.Randomness;
using MfaEmulator.Common.Store;

namespace MfaEmulator.Zitadel.LoginPolicy;

/// <summary>A login policy as ZITADEL's query side holds it: the instance default, or an org's custom policy.</summary>
internal sealed record LoginPolicySettings(
    [property: JsonPropertyName("allow_username_password")] bool AllowUsernamePassword,
    [property: JsonPropertyName("allow_register")] bool AllowRegister,
    [property: JsonPropertyName("allow_external_idp")] bool AllowExternalIdp,
    [property: JsonPropertyName("force_mfa")] bool ForceMfa,
    [property: JsonPropertyName("force_mfa_local_only")] bool ForceMfaLocalOnly,
    [property: JsonPropertyName("passwordless_type")] int PasswordlessType,
    [property: JsonPropertyName("hide_password_reset")] bool HidePasswordReset,
    [property: JsonPropertyName("ignore_unknown_usernames")] bool IgnoreUnknownUsernames,
    [property: JsonPropertyName("allow_domain_discovery")] bool AllowDomainDiscovery,
    [property: JsonPropertyName("disable_login_with_email")] bool DisableLoginWithEmail,
    [property: JsonPropertyName("disable_login_with_phone")] bool DisableLoginWithPhone,
    [property: JsonPropertyName("default_redirect_uri")] string DefaultRedirectUri,
    [property: JsonPropertyName("password_check_lifetime")] TimeSpan PasswordCheckLifetime,
    [property: JsonPropertyName("external_login_check_lifetime")] TimeSpan ExternalLoginCheckLifetime,
    [property: JsonPropertyName("mfa_init_skip_lifetime")] TimeSpan MfaInitSkipLifetime,
    [property: JsonPropertyName("second_factor_check_lifetime")] TimeSpan SecondFactorCheckLifetime,
    [property: JsonPropertyName("multi_factor_check_lifetime")] TimeSpan MultiFactorCheckLifetime,
    [property: JsonPropertyName("second_factors")] IReadOnlyList<int> SecondFactors,
    [property: JsonPropertyName("multi_factors")] IReadOnlyList<int> MultiFactors,
    [property: JsonPropertyName("sequence")] ulong Sequence,
    [property: JsonPropertyName("creation_date")] DateTimeOffset CreationDate,
    [property: JsonPropertyName("change_date")] DateTimeOffset ChangeDate);

/// <summary>
/// An organization. <see cref="Sequence"/> counts the events of its aggregate (the whole org, not one policy);
/// <see cref="ActiveSecondFactors"/> is the command side's view of the factors (added minus removed since the last
/// policy reset), which ZITADEL keeps even while the org has no custom policy to show them in.
/// </summary>
internal sealed record ZitadelOrg(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("sequence")] ulong Sequence,
    [property: JsonPropertyName("creation_date")] DateTimeOffset CreationDate,
    [property: JsonPropertyName("custom_login_policy")] LoginPolicySettings? CustomLoginPolicy,
    [property: JsonPropertyName("active_second_factors")] IReadOnlyList<int> ActiveSecondFactors);

/// <summary>The instance: its own event counter and the default login policy every org without a custom one uses.</summary>
internal sealed record ZitadelInstance(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("sequence")] ulong Sequence,
    [property: JsonPropertyName("default_login_policy")] LoginPolicySettings DefaultLoginPolicy);

/// <summary>A personal access token of a machine user of <see cref="OrgId"/>, with that user's manager roles.</summary>
internal sealed record ZitadelPat(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("org_id")] string OrgId,
    [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles);

/// <summary>The login policy an org sees: its custom one, or the instance default (resource owner: the instance).</summary>
internal sealed record ResolvedLoginPolicy(LoginPolicySettings Policy, string ResourceOwner, bool IsDefault);

internal enum ChangeOutcome
{
    Done,
    AlreadyExists,
    NotFound,
    OrgNotFound,
}

/// <summary>The result of one command: on success the aggregate's sequence after it and the time of its last event.</summary>
internal readonly record struct StoreChange(ChangeOutcome Outcome, ulong Sequence, DateTimeOffset At)
{
    public static StoreChange AlreadyExists => new(ChangeOutcome.AlreadyExists, 0, default);

    public static StoreChange NotFound => new(ChangeOutcome.NotFound, 0, default);

    public static StoreChange OrgNotFound => new(ChangeOutcome.OrgNotFound, 0, default);

    public static StoreChange Done(ulong sequence, DateTimeOffset at) => new(ChangeOutcome.Done, sequence, at);
}

/// <summary>
/// The ZITADEL instance, its organizations and the tokens the emulator issued. One lock: every command reads
/// its state and pushes its events all-or-nothing, so concurrent adds of one factor give one success.
/// </summary>
internal sealed class ZitadelStore : IEmulatorStore
{
    public const int OrgIdDigits = 18;
    public const int PatBytes = 52;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ZitadelOrg> _orgs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ZitadelPat> _tokens = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly IRandomSource _random;
    private ZitadelInstance _instance;

    public ZitadelStore(TimeProvider clock, IRandomSource random)
    {
        _clock = clock;
        _random = random;
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

    public void Reset()
    {
        lock (_gate)
        {
            _instance = StartLocked();
        }
    }

    /// <summary>Forgets one org and its tokens; the default org comes back as it started.</summary>
    public bool ResetTenant(TenantKind kind, string id)
    {
        if (kind != TenantKind.ZitadelOrg)
        {
            return false;
        }
        lock (_gate)
        {
            _orgs.Remove(id);
            foreach (var pat in _tokens.Values.Where(t => t.OrgId == id).ToList())
            {
                _tokens.Remove(pat.Token);
            }
            if (id == DefaultZitadelInstance.OrgId)
            {
                AddDefaultOrgLocked(_clock.GetUtcNow());
            }
        }
        return true;
    }

    public JsonNode Snapshot()
    {
        lock (_gate)
        {
            return JsonSerializer.SerializeToNode(new ZitadelState(_instance, [.. _orgs.Values], [.. _tokens.Values]))!;
        }
    }

    public void Restore(JsonNode? state)
    {
        var restored = state?.Deserialize<ZitadelState>();
        lock (_gate)
        {
            if (restored is null)
            {
                _instance = StartLocked();
                return;
            }
            _orgs.Clear();
            _tokens.Clear();
            _instance = restored.Instance;
            foreach (var org in restored.Orgs)
            {
                _orgs[org.Id] = org;
            }
            foreach (var pat in restored.Tokens)
            {
                _tokens[pat.Token] = pat;
            }
        }
    }

    private sealed record ZitadelState(
        [property: JsonPropertyName("instance")] ZitadelInstance Instance,
        [property: JsonPropertyName("orgs")] List<ZitadelOrg> Orgs,
        [property: JsonPropertyName("tokens")] List<ZitadelPat> Tokens);

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
            var org = new ZitadelOrg(id, name, DefaultZitadelInstance.OrgEventsAtCreation, now, CustomLoginPolicy: null, ActiveSecondFactors: []);
            _orgs.Add(id, org);
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
    /// What ListLoginPolicySecondFactors and GetLoginPolicy read: the org's custom policy, else the instance
    /// default (zitadel internal/query/login_policy.go). An org that has gone meanwhile sees the default.
    /// </summary>
    public ResolvedLoginPolicy LoginPolicyOf(string orgId)
    {
        lock (_gate)
        {
            return _orgs.GetValueOrDefault(orgId)?.CustomLoginPolicy is { } custom
                ? new ResolvedLoginPolicy(custom, orgId, IsDefault: false)
                : new ResolvedLoginPolicy(_instance.DefaultLoginPolicy, _instance.Id, IsDefault: true);
        }
    }

    public ResolvedLoginPolicy DefaultLoginPolicy()
    {
        lock (_gate)
        {
            return new ResolvedLoginPolicy(_instance.DefaultLoginPolicy, _instance.Id, IsDefault: true);
        }
    }

    /// <summary>
    /// AddSecondFactorToLoginPolicy on an org (internal/command/org_policy_login.go). The command checks only its
    /// own factor state, never that the org has a custom policy, so without one the factor is accepted, the org's
    /// sequence grows and nothing visible changes: the projection (internal/query/projection/login_policy.go) updates
    /// the org's policy row and there is none. The command's unit test "add factor totp, ok" starts from an empty org.
    /// See openapi/DEVIATIONS.md.
    /// </summary>
    public StoreChange AddOrgSecondFactor(string orgId, int factor)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (!_orgs.TryGetValue(orgId, out var org))
            {
                return StoreChange.OrgNotFound;
            }
            if (org.ActiveSecondFactors.Contains(factor))
            {
                return StoreChange.AlreadyExists;
            }
            var sequence = org.Sequence + 1;
            _orgs[orgId] = org with
            {
                Sequence = sequence,
                ActiveSecondFactors = [.. org.ActiveSecondFactors, factor],
                CustomLoginPolicy = org.CustomLoginPolicy is { } policy
                    ? policy with { SecondFactors = [.. policy.SecondFactors, factor], Sequence = sequence, ChangeDate = now }
                    : null,
            };
            return StoreChange.Done(sequence, now);
        }
    }

    /// <summary>RemoveSecondFactorFromLoginPolicy on an org: the factor must be active in the command's view.</summary>
    public StoreChange RemoveOrgSecondFactor(string orgId, int factor)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (!_orgs.TryGetValue(orgId, out var org))
            {
                return StoreChange.OrgNotFound;
            }
            if (!org.ActiveSecondFactors.Contains(factor))
            {
                return StoreChange.NotFound;
            }
            var sequence = org.Sequence + 1;
            _orgs[orgId] = org with
            {
                Sequence = sequence,
                ActiveSecondFactors = [.. org.ActiveSecondFactors.Where(f => f != factor)],
                CustomLoginPolicy = org.CustomLoginPolicy is { } policy
                    ? policy with { SecondFactors = [.. policy.SecondFactors.Where(f => f != factor)], Sequence = sequence, ChangeDate = now }
                    : null,
            };
            return StoreChange.Done(sequence, now);
        }
    }

    /// <summary>
    /// AddCustomLoginPolicy: one event for the policy and one per listed factor, so the sequence grows by all of
    /// them. The listed second factors become active (a factor already active stays so) and are what the policy shows.
    /// </summary>
    public StoreChange AddCustomLoginPolicy(string orgId, LoginPolicySettings requested)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (!_orgs.TryGetValue(orgId, out var org))
            {
                return StoreChange.OrgNotFound;
            }
            if (org.CustomLoginPolicy is not null)
            {
                return StoreChange.AlreadyExists;
            }
            var sequence = org.Sequence + 1 + (ulong)requested.SecondFactors.Count + (ulong)requested.MultiFactors.Count;
            _orgs[orgId] = org with
            {
                Sequence = sequence,
                ActiveSecondFactors = [.. org.ActiveSecondFactors.Union(requested.SecondFactors)],
                CustomLoginPolicy = requested with { Sequence = sequence, CreationDate = now, ChangeDate = now },
            };
            return StoreChange.Done(sequence, now);
        }
    }

    /// <summary>ResetLoginPolicyToDefault: removes the custom policy; the <c>login.policy.removed</c> event also resets the factor state.</summary>
    public StoreChange ResetLoginPolicy(string orgId)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (!_orgs.TryGetValue(orgId, out var org))
            {
                return StoreChange.OrgNotFound;
            }
            if (org.CustomLoginPolicy is null)
            {
                return StoreChange.NotFound;
            }
            var sequence = org.Sequence + 1;
            _orgs[orgId] = org with { Sequence = sequence, CustomLoginPolicy = null, ActiveSecondFactors = [] };
            return StoreChange.Done(sequence, now);
        }
    }

    /// <summary>AddSecondFactorToLoginPolicy on the instance default (internal/command/instance_policy_login.go).</summary>
    public StoreChange AddDefaultSecondFactor(int factor)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            var policy = _instance.DefaultLoginPolicy;
            if (policy.SecondFactors.Contains(factor))
            {
                return StoreChange.AlreadyExists;
            }
            var sequence = _instance.Sequence + 1;
            _instance = _instance with
            {
                Sequence = sequence,
                DefaultLoginPolicy = policy with { SecondFactors = [.. policy.SecondFactors, factor], Sequence = sequence, ChangeDate = now },
            };
            return StoreChange.Done(sequence, now);
        }
    }

    public StoreChange RemoveDefaultSecondFactor(int factor)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            var policy = _instance.DefaultLoginPolicy;
            if (!policy.SecondFactors.Contains(factor))
            {
                return StoreChange.NotFound;
            }
            var sequence = _instance.Sequence + 1;
            _instance = _instance with
            {
                Sequence = sequence,
                DefaultLoginPolicy = policy with { SecondFactors = [.. policy.SecondFactors.Where(f => f != factor)], Sequence = sequence, ChangeDate = now },
            };
            return StoreChange.Done(sequence, now);
        }
    }

    /// <summary>Clears everything and sets up the start state: the instance, its default policy, the default org and its owner's token.</summary>
    private ZitadelInstance StartLocked()
    {
        _orgs.Clear();
        _tokens.Clear();
        var now = _clock.GetUtcNow();
        AddDefaultOrgLocked(now);
        return new ZitadelInstance(
            DefaultZitadelInstance.InstanceId,
            DefaultZitadelInstance.InstanceEventsAtSetup,
            DefaultZitadelInstance.DefaultLoginPolicy(DefaultZitadelInstance.InstanceEventsAtSetup, now));
    }

    private void AddDefaultOrgLocked(DateTimeOffset now)
    {
        _orgs[DefaultZitadelInstance.OrgId] = new ZitadelOrg(
            DefaultZitadelInstance.OrgId, DefaultZitadelInstance.OrgName, DefaultZitadelInstance.OrgEventsAtCreation, now,
            CustomLoginPolicy: null, ActiveSecondFactors: []);
        _tokens[DefaultZitadelInstance.OwnerPat] = new ZitadelPat(
            DefaultZitadelInstance.OwnerPat, DefaultZitadelInstance.OrgId, [ZitadelRoles.OrgOwner, ZitadelRoles.IamOwner]);
    }

    private ZitadelPat IssueTokenLocked(string orgId, IReadOnlyList<string> roles, string? fixedToken = null)
    {
        var pat = new ZitadelPat(fixedToken ?? _random.NewToken(PatBytes), orgId, [.. roles.Distinct(StringComparer.Ordinal)]);
        _tokens.Add(pat.Token, pat);
        return pat;
    }
}
