using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
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
/// One policy's holder: its visible policy (an org's custom one, or the instance default; null for an org without
/// a custom policy) and the command side's view of its factors (added minus removed since the last reset), which
/// ZITADEL keeps even while an org has no custom policy to show them in.
/// </summary>
internal sealed record PolicyState(
    [property: JsonPropertyName("policy")] LoginPolicySettings? Policy,
    [property: JsonPropertyName("active_second_factors")] IReadOnlyList<int> ActiveSecondFactors,
    [property: JsonPropertyName("active_multi_factors")] IReadOnlyList<int>? ActiveMultiFactors = null)
{
    public static readonly PolicyState None = new(null, [], []);

    public IReadOnlyList<int> Active(FactorKind kind) => kind == FactorKind.Second ? ActiveSecondFactors : ActiveMultiFactors ?? [];

    public PolicyState WithActive(FactorKind kind, IReadOnlyList<int> active) =>
        kind == FactorKind.Second ? this with { ActiveSecondFactors = active } : this with { ActiveMultiFactors = active };
}

/// <summary>The two factor lists of a login policy: second factors (2FA) and multi-factors (passwordless).</summary>
internal enum FactorKind
{
    Second,
    Multi,
}

internal static class FactorKinds
{
    public static IReadOnlyList<int> Of(this LoginPolicySettings policy, FactorKind kind) =>
        kind == FactorKind.Second ? policy.SecondFactors : policy.MultiFactors;

    public static LoginPolicySettings With(this LoginPolicySettings policy, FactorKind kind, IReadOnlyList<int> factors) =>
        kind == FactorKind.Second ? policy with { SecondFactors = factors } : policy with { MultiFactors = factors };

    public static ProtoEnum Enum(this FactorKind kind) =>
        kind == FactorKind.Second ? LoginPolicyEnums.SecondFactorType : LoginPolicyEnums.MultiFactorType;
}

/// <summary>Whose login policy a command changes: an org's (management API) or the instance default (admin API).</summary>
internal readonly record struct PolicyScope(string? OrgId)
{
    public static PolicyScope Default => new(null);

    public static PolicyScope Org(string orgId) => new(orgId);
}

/// <summary>The login policy an org sees: its custom one, or the instance default (resource owner: the instance).</summary>
internal sealed record ResolvedLoginPolicy(LoginPolicySettings Policy, string ResourceOwner, bool IsDefault);

internal enum ChangeOutcome
{
    Done,
    AlreadyExists,
    NotFound,
    OrgNotFound,
    NotChanged,
}

/// <summary>The result of one command: on success the aggregate's sequence after it and the time of its last event.</summary>
internal readonly record struct StoreChange(ChangeOutcome Outcome, ulong Sequence, DateTimeOffset At)
{
    public static StoreChange AlreadyExists => new(ChangeOutcome.AlreadyExists, 0, default);

    public static StoreChange NotFound => new(ChangeOutcome.NotFound, 0, default);

    public static StoreChange OrgNotFound => new(ChangeOutcome.OrgNotFound, 0, default);

    public static StoreChange NotChanged => new(ChangeOutcome.NotChanged, 0, default);

    public static StoreChange Done(ulong sequence, DateTimeOffset at) => new(ChangeOutcome.Done, sequence, at);
}

/// <summary>
/// The instance's default login policy and the orgs' custom ones. One lock: every command reads its state and
/// pushes its events all-or-nothing, so concurrent adds of one factor give one success. Events go onto the org's
/// (or the instance's) aggregate in <see cref="ZitadelOrgs"/>.
/// </summary>
internal sealed class LoginPolicyStore : IEmulatorStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PolicyState> _orgs = new(StringComparer.Ordinal);
    private readonly ZitadelOrgs _aggregates;
    private readonly TimeProvider _clock;
    private readonly IStateChangeLog _log;
    private PolicyState _default;

    // The change log's tables; the instance default is one record.
    private const string Default = "default";
    private const string Orgs = "orgs";

    public LoginPolicyStore(ZitadelOrgs aggregates, TimeProvider clock, IStateChangeLog log)
    {
        _aggregates = aggregates;
        _clock = clock;
        _log = log;
        _default = StartingDefault();
    }

    public string Name => "zitadel_login_policies";

    /// <summary>
    /// What ListLoginPolicySecondFactors and GetLoginPolicy read: the org's custom policy, else the instance
    /// default (zitadel internal/query/login_policy.go). An org that has gone meanwhile sees the default.
    /// </summary>
    public ResolvedLoginPolicy LoginPolicyOf(string orgId)
    {
        lock (_gate)
        {
            return _orgs.GetValueOrDefault(orgId)?.Policy is { } custom
                ? new ResolvedLoginPolicy(custom, orgId, IsDefault: false)
                : new ResolvedLoginPolicy(_default.Policy!, _aggregates.InstanceId, IsDefault: true);
        }
    }

    public ResolvedLoginPolicy DefaultLoginPolicy()
    {
        lock (_gate)
        {
            return new ResolvedLoginPolicy(_default.Policy!, _aggregates.InstanceId, IsDefault: true);
        }
    }

    /// <summary>
    /// AddSecondFactorToLoginPolicy (internal/command/org_policy_login.go, instance_policy_login.go). The command
    /// checks only its own factor state, never that an org has a custom policy, so without one the factor is
    /// accepted, the org's sequence grows and nothing visible changes: the projection
    /// (internal/query/projection/login_policy.go) updates the org's policy row and there is none. The command's
    /// unit test "add factor totp, ok" starts from an empty org. See openapi/DEVIATIONS.md.
    /// </summary>
    public StoreChange AddFactor(PolicyScope scope, FactorKind kind, int factor) => ChangeFactor(scope, kind, factor, add: true);

    /// <summary>RemoveSecondFactorFromLoginPolicy and RemoveMultiFactorFromLoginPolicy: the factor must be active in the command's view.</summary>
    public StoreChange RemoveFactor(PolicyScope scope, FactorKind kind, int factor) => ChangeFactor(scope, kind, factor, add: false);

    /// <summary>
    /// UpdateCustomLoginPolicy and the admin UpdateLoginPolicy (<c>ChangeLoginPolicy</c>, <c>ChangeDefaultLoginPolicy</c>):
    /// a full replace of the settings, factors untouched; an org needs a custom policy (NotFound), and a request
    /// that changes nothing is refused (NotChanged), as the write model's <c>NewChangedEvent</c> finds no change.
    /// </summary>
    public StoreChange UpdatePolicy(PolicyScope scope, LoginPolicySettings requested)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (scope.OrgId is { } id && !_aggregates.OrgExists(id))
            {
                return StoreChange.OrgNotFound;
            }
            var state = scope.OrgId is { } orgId ? _orgs.GetValueOrDefault(orgId) ?? PolicyState.None : _default;
            if (state.Policy is not { } current)
            {
                return StoreChange.NotFound;
            }
            var updated = requested with
            {
                SecondFactors = current.SecondFactors,
                MultiFactors = current.MultiFactors,
                Sequence = current.Sequence,
                CreationDate = current.CreationDate,
                ChangeDate = current.ChangeDate,
            };
            if (updated == current)
            {
                return StoreChange.NotChanged;
            }
            if (_aggregates.Append(scope.OrgId ?? _aggregates.InstanceId, 1) is not { } sequence)
            {
                return StoreChange.OrgNotFound;
            }
            Put(scope, state with { Policy = updated with { Sequence = sequence, ChangeDate = now } });
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
            if (!_aggregates.OrgExists(orgId))
            {
                return StoreChange.OrgNotFound;
            }
            var state = _orgs.GetValueOrDefault(orgId) ?? PolicyState.None;
            if (state.Policy is not null)
            {
                return StoreChange.AlreadyExists;
            }
            var events = 1 + (ulong)requested.SecondFactors.Count + (ulong)requested.MultiFactors.Count;
            if (_aggregates.Append(orgId, events) is not { } sequence)
            {
                return StoreChange.OrgNotFound;
            }
            Put(PolicyScope.Org(orgId), new PolicyState(
                requested with { Sequence = sequence, CreationDate = now, ChangeDate = now },
                [.. state.ActiveSecondFactors.Union(requested.SecondFactors)],
                [.. state.Active(FactorKind.Multi).Union(requested.MultiFactors)]));
            return StoreChange.Done(sequence, now);
        }
    }

    /// <summary>ResetLoginPolicyToDefault: removes the custom policy; the <c>login.policy.removed</c> event also resets the factor state.</summary>
    public StoreChange ResetLoginPolicy(string orgId)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (!_aggregates.OrgExists(orgId))
            {
                return StoreChange.OrgNotFound;
            }
            if (_orgs.GetValueOrDefault(orgId)?.Policy is null)
            {
                return StoreChange.NotFound;
            }
            if (_aggregates.Append(orgId, 1) is not { } sequence)
            {
                return StoreChange.OrgNotFound;
            }
            RemoveLocked(orgId);
            return StoreChange.Done(sequence, now);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            ClearLocked();
            Put(PolicyScope.Default, StartingDefault());
        }
    }

    public bool ResetTenant(string tenantKey, string id)
    {
        if (tenantKey != ZitadelOrgs.OrgTenant)
        {
            return false;
        }
        lock (_gate)
        {
            RemoveLocked(id);
        }
        return true;
    }

    public object Snapshot()
    {
        lock (_gate)
        {
            return new PoliciesState(_default, new Dictionary<string, PolicyState>(_orgs, StringComparer.Ordinal));
        }
    }

    public Action Load(JsonNode? state)
    {
        if (state is null)
        {
            return Reset;
        }
        var restored = StateSchema.Read<PoliciesState>(state, Name);
        StateSchema.Require(restored.Default.Policy is not null, Name, "the instance's default policy is missing");
        foreach (var (owner, held) in restored.Orgs.Append(new KeyValuePair<string, PolicyState>("default", restored.Default)))
        {
            foreach (var kind in new[] { FactorKind.Second, FactorKind.Multi })
            {
                var factors = held.Active(kind).Concat(held.Policy?.Of(kind) ?? []);
                StateSchema.Require(factors.All(f => f != 0 && kind.Enum().IsDefined(f)), Name, $"the policy of {owner} has an undefined {kind.ToString().ToLowerInvariant()} factor");
            }
        }
        return () =>
        {
            lock (_gate)
            {
                ClearLocked();
                Put(PolicyScope.Default, restored.Default);
                foreach (var (orgId, policy) in restored.Orgs)
                {
                    Put(PolicyScope.Org(orgId), policy);
                }
            }
        };
    }

    private sealed record PoliciesState(
        [property: JsonPropertyName("default")] PolicyState Default,
        [property: JsonPropertyName("orgs")] Dictionary<string, PolicyState> Orgs);

    /// <summary>The one implementation of adding and removing a factor, of either kind, for an org and for the instance default alike.</summary>
    private StoreChange ChangeFactor(PolicyScope scope, FactorKind kind, int factor, bool add)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (scope.OrgId is { } id && !_aggregates.OrgExists(id))
            {
                return StoreChange.OrgNotFound;
            }
            var state = scope.OrgId is { } orgId ? _orgs.GetValueOrDefault(orgId) ?? PolicyState.None : _default;
            if (state.Active(kind).Contains(factor) == add)
            {
                return add ? StoreChange.AlreadyExists : StoreChange.NotFound;
            }
            if (_aggregates.Append(scope.OrgId ?? _aggregates.InstanceId, 1) is not { } sequence)
            {
                return StoreChange.OrgNotFound;
            }
            IReadOnlyList<int> Toggle(IReadOnlyList<int> factors) => add ? [.. factors, factor] : [.. factors.Where(f => f != factor)];
            var changed = state.WithActive(kind, Toggle(state.Active(kind))) with
            {
                Policy = state.Policy is { } policy ? policy.With(kind, Toggle(policy.Of(kind))) with { Sequence = sequence, ChangeDate = now } : null,
            };
            Put(scope, changed);
            return StoreChange.Done(sequence, now);
        }
    }

    private void Put(PolicyScope scope, PolicyState state)
    {
        if (scope.OrgId is { } orgId)
        {
            _orgs[orgId] = state;
            _log.Put(this, Orgs, orgId, state);
        }
        else
        {
            _default = state;
            _log.Put(this, Default, Default, state);
        }
    }

    private void RemoveLocked(string orgId)
    {
        if (_orgs.Remove(orgId))
        {
            _log.Remove(this, Orgs, orgId);
        }
    }

    private void ClearLocked()
    {
        _orgs.Clear();
        _log.Clear(this);
    }

    public void Replay(StateChange change) => change.ReplayUnder(_gate, ClearLocked, key =>
    {
        switch (change.Table)
        {
            case Default when change.ValueAs<PolicyState>() is { Policy: not null } state:
                Put(PolicyScope.Default, state);
                break;
            case Orgs when change.ValueAs<PolicyState>() is { } state:
                Put(PolicyScope.Org(key), state);
                break;
            case Orgs:
                RemoveLocked(key);
                break;
            default:
                throw new InvalidStateException($"'{Name}' has no change '{change.Table}' of '{key}' without a policy");
        }
    });

    private PolicyState StartingDefault()
    {
        var policy = LoginPolicy.DefaultLoginPolicy.Create(DefaultZitadelInstance.InstanceEventsAtSetup, _clock.GetUtcNow());
        return new PolicyState(policy, policy.SecondFactors, policy.MultiFactors);
    }
}
