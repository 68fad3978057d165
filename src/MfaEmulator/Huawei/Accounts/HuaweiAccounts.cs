using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MfaEmulator.Common.Randomness;
using MfaEmulator.Common.Store;

namespace MfaEmulator.Huawei.Accounts;

/// <summary>
/// Accounts, IAM users and issued tokens, shared by every Huawei API (HSS, IAM v3.0, Keystone, IAM v5).
/// One lock guards the whole store: requests are short and this keeps every change all-or-nothing.
/// </summary>
internal sealed class HuaweiAccounts : IEmulatorStore
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(24);

    /// <summary>How long an expired token is still recognised (and answered "expired", not "unknown") before it is forgotten.</summary>
    public static readonly TimeSpan ExpiredTokenMemory = TimeSpan.FromHours(24);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, HuaweiDomain> _domains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HuaweiUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);

    /// <summary>Which account each project id belongs to (project id → domain id), as strict mode learns them.</summary>
    private readonly Dictionary<string, string> _projects = new(StringComparer.Ordinal);

    /// <summary>Tokens that expire, soonest first, so expired ones are dropped without scanning every token.</summary>
    private readonly PriorityQueue<string, DateTimeOffset> _expiries = new();
    private readonly TimeProvider _clock;
    private readonly IRandomSource _random;

    public HuaweiAccounts(TimeProvider clock, IRandomSource random)
    {
        _clock = clock;
        _random = random;
        AddDefaultAccountLocked();
    }

    public void Reset()
    {
        lock (_gate)
        {
            _domains.Clear();
            _users.Clear();
            _tokens.Clear();
            _expiries.Clear();
            _projects.Clear();
            AddDefaultAccountLocked();
        }
    }

    public string Name => "huawei_accounts";

    /// <summary>Removes one account's users and tokens; the default account comes back as it started.</summary>
    public bool ResetTenant(string tenantKey, string domainId)
    {
        if (tenantKey != HuaweiVendor.DomainTenant)
        {
            return false;
        }
        lock (_gate)
        {
            var userIds = _users.Values.Where(u => u.DomainId == domainId).Select(u => u.Id).ToHashSet();
            foreach (var id in userIds)
            {
                _users.Remove(id);
            }
            foreach (var token in _tokens.Values.Where(t => userIds.Contains(t.UserId)).ToList())
            {
                _tokens.Remove(token.Value);
            }
            _domains.Remove(domainId);
            foreach (var project in _projects.Where(p => p.Value == domainId).Select(p => p.Key).ToList())
            {
                _projects.Remove(project);
            }
            if (domainId == DefaultHuaweiAccount.DomainId)
            {
                AddDefaultAccountLocked();
            }
        }
        return true;
    }

    public JsonNode Snapshot()
    {
        lock (_gate)
        {
            return JsonSerializer.SerializeToNode(new AccountsState([.. _domains.Values], [.. _users.Values], [.. _tokens.Values], new(_projects)))!;
        }
    }

    public Action Load(JsonNode? state)
    {
        if (state is null)
        {
            return Reset;
        }
        var restored = StateSchema.Read<AccountsState>(state, Name);
        var domains = StateSchema.Index(restored.Domains, d => d.Id, Name, "account");
        var users = StateSchema.Index(restored.Users, u => u.Id, Name, "user");
        StateSchema.Index(restored.Users, u => u.AccessKey, Name, "access key");
        var tokens = StateSchema.Index(restored.Tokens, t => t.Value, Name, "token");
        foreach (var user in users.Values)
        {
            StateSchema.Require(domains.ContainsKey(user.DomainId), Name, $"user {user.Id} names an account ({user.DomainId}) that is not there");
        }
        foreach (var token in tokens.Values)
        {
            StateSchema.Require(users.ContainsKey(token.UserId), Name, $"a token names a user ({token.UserId}) that is not there");
        }
        var projects = new Dictionary<string, string>(restored.Projects ?? [], StringComparer.Ordinal);
        foreach (var (projectId, domainId) in projects)
        {
            StateSchema.Require(domains.ContainsKey(domainId), Name, $"project {projectId} names an account ({domainId}) that is not there");
        }
        return () =>
        {
            lock (_gate)
            {
                Replace(_domains, domains);
                Replace(_users, users);
                Replace(_tokens, tokens);
                Replace(_projects, projects);
                _expiries.Clear();
                _expiries.EnqueueRange(tokens.Values.Where(t => t.ExpiresAt != DateTimeOffset.MaxValue).Select(t => (t.Value, t.ExpiresAt + ExpiredTokenMemory)));
            }
        };
    }

    private static void Replace<TValue>(Dictionary<string, TValue> target, Dictionary<string, TValue> source)
    {
        target.Clear();
        foreach (var (key, value) in source)
        {
            target[key] = value;
        }
    }

    private sealed record AccountsState(
        [property: JsonPropertyName("domains")] List<HuaweiDomain> Domains,
        [property: JsonPropertyName("users")] List<HuaweiUser> Users,
        [property: JsonPropertyName("tokens")] List<IssuedToken> Tokens,
        [property: JsonPropertyName("projects")] Dictionary<string, string>? Projects = null);

    /// <summary>
    /// True when the project is the account's: already known to be, or not yet claimed by any account (it is then
    /// claimed). Strict mode uses it so one account cannot read or change another's project.
    /// </summary>
    public bool ClaimProject(string projectId, string domainId)
    {
        lock (_gate)
        {
            return _projects.TryAdd(projectId, domainId) || _projects[projectId] == domainId;
        }
    }

    public HuaweiDomain? FindDomain(string id)
    {
        lock (_gate)
        {
            return _domains.GetValueOrDefault(id);
        }
    }

    public HuaweiDomain? FindDomainByName(string name)
    {
        lock (_gate)
        {
            return _domains.Values.FirstOrDefault(d => d.Name == name);
        }
    }

    public HuaweiUser? FindUser(string id)
    {
        lock (_gate)
        {
            return _users.GetValueOrDefault(id);
        }
    }

    public HuaweiUser? FindUserByName(string domainId, string name)
    {
        lock (_gate)
        {
            return _users.Values.FirstOrDefault(u => u.DomainId == domainId && u.Name == name);
        }
    }

    public HuaweiUser? FindUserByAccessKey(string accessKey)
    {
        lock (_gate)
        {
            return _users.Values.FirstOrDefault(u => u.AccessKey == accessKey);
        }
    }

    public HuaweiDomain CreateDomain(string? name, string? id = null)
    {
        lock (_gate)
        {
            var domain = new HuaweiDomain(id ?? _random.NewHex(32), name ?? $"account-{_random.NewHex(8)}");
            _domains.Add(domain.Id, domain);
            return domain;
        }
    }

    /// <summary>
    /// Adds a user; null when the account already has a user of that name (IAM names are unique per account)
    /// or a fixed id or access key is taken.
    /// </summary>
    public HuaweiUser? CreateUser(
        string domainId, string name, string? password, string? email, string? mobile, bool admin, FixedCredentials? fixedCredentials = null, UserProfile? profile = null)
    {
        lock (_gate)
        {
            var user = new HuaweiUser(
                fixedCredentials?.UserId ?? _random.NewHex(32), domainId, name, password ?? _random.NewToken(12), email, mobile, admin,
                AccessKey: fixedCredentials?.AccessKey ?? _random.NewHex(20).ToUpperInvariant(),
                SecretKey: fixedCredentials?.SecretKey ?? _random.NewToken(30),
                Profile: (profile ?? UserProfile.Default) with { CreatedAt = _clock.GetUtcNow() });
            if (_users.ContainsKey(user.Id) || _users.Values.Any(u => u.DomainId == domainId && u.Name == name || u.AccessKey == user.AccessKey))
            {
                return null;
            }
            _users.Add(user.Id, user);
            return user;
        }
    }

    /// <summary>Changes a user; null when there is no such user, or the new name is another user's in the account.</summary>
    public HuaweiUser? UpdateUser(string userId, Func<HuaweiUser, HuaweiUser> change)
    {
        lock (_gate)
        {
            if (!_users.TryGetValue(userId, out var user))
            {
                return null;
            }
            var changed = change(user) with { Id = user.Id, DomainId = user.DomainId };
            if (changed.Name != user.Name && _users.Values.Any(u => u.DomainId == user.DomainId && u.Name == changed.Name))
            {
                return null;
            }
            _users[userId] = changed;
            return changed;
        }
    }

    /// <summary>Removes a user; the user's tokens stop working at once (the authenticator finds no user).</summary>
    public bool DeleteUser(string userId)
    {
        lock (_gate)
        {
            return _users.Remove(userId);
        }
    }

    /// <summary>An account's users in name order (KeystoneListUsers has no paging).</summary>
    public IReadOnlyList<HuaweiUser> UsersOf(string domainId)
    {
        lock (_gate)
        {
            return [.. _users.Values.Where(u => u.DomainId == domainId).OrderBy(u => u.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>A new token for 24 hours; a <paramref name="fixedValue"/> (seed files, control routes) never expires.</summary>
    public IssuedToken IssueToken(HuaweiUser user, IReadOnlyList<string> methods, DateTimeOffset? mfaAuthnAt, string? projectId, string? fixedValue = null, string? projectName = null)
    {
        var now = _clock.GetUtcNow();
        var token = new IssuedToken(
            fixedValue ?? "MII" + _random.NewToken(48), user.Id, methods, now,
            fixedValue is null ? now + TokenLifetime : DateTimeOffset.MaxValue, mfaAuthnAt, projectId, projectName);
        lock (_gate)
        {
            DropExpiredLocked(now);
            _tokens[token.Value] = token;
            if (token.ExpiresAt != DateTimeOffset.MaxValue)
            {
                _expiries.Enqueue(token.Value, token.ExpiresAt + ExpiredTokenMemory);
            }
        }
        return token;
    }

    public IssuedToken? FindToken(string value)
    {
        lock (_gate)
        {
            return _tokens.GetValueOrDefault(value);
        }
    }

    /// <summary>Forgets tokens that expired more than <see cref="ExpiredTokenMemory"/> ago, so memory stays bounded however long a run lasts.</summary>
    private void DropExpiredLocked(DateTimeOffset now)
    {
        while (_expiries.TryPeek(out var value, out var forgetAt) && forgetAt <= now)
        {
            _expiries.Dequeue();
            if (_tokens.TryGetValue(value, out var token) && token.ExpiresAt + ExpiredTokenMemory <= now)
            {
                _tokens.Remove(value);
            }
        }
    }

    private void AddDefaultAccountLocked()
    {
        var admin = DefaultHuaweiAccount.Admin;
        _domains[DefaultHuaweiAccount.DomainId] = DefaultHuaweiAccount.Domain;
        _users[admin.Id] = admin;
        // The documented ready token never expires: CI jobs may start the emulator long before they use it.
        _tokens[DefaultHuaweiAccount.AdminToken] = new IssuedToken(
            DefaultHuaweiAccount.AdminToken, admin.Id, ["token"], DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, MfaAuthnAt: null, ProjectId: null);
    }
}
