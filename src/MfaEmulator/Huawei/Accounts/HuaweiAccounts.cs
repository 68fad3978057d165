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
    private readonly Dictionary<string, DomainEntry> _domains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HuaweiUser> _users = new(StringComparer.Ordinal);

    /// <summary>Kept tokens (fixed values: seed files, control calls) by value; issued ones are sealed, not kept.</summary>
    private readonly Dictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);

    /// <summary>Each user's kept tokens, so deleting the user ends them; few users have any.</summary>
    private readonly Dictionary<string, KeySet<string>> _keptTokensByUser = new(StringComparer.Ordinal);

    /// <summary>Which account each project id belongs to (project id → domain id), as strict mode learns them.</summary>
    private readonly Dictionary<string, string> _projects = new(StringComparer.Ordinal);

    // Indexes for every look-up the APIs make, so no call scans the store: AK/SK checks, sign-in by name (an account's
    // entry maps its users' names), tenant resets.
    private readonly Dictionary<string, string> _userByAccessKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _domainByName = new(StringComparer.Ordinal);

    /// <summary>Tokens that expire, soonest first, so expired ones are dropped without scanning every token.</summary>
    private readonly PriorityQueue<string, DateTimeOffset> _expiries = new();
    private readonly TimeProvider _clock;
    private readonly IRandomSource _random;
    private readonly IStateChangeLog _log;

    /// <summary>Seals the tokens the store issues; a state file keeps its key, so they outlive a restart.</summary>
    private TokenSeal _seal;

    public HuaweiAccounts(TimeProvider clock, IRandomSource random, IStateChangeLog log)
    {
        _clock = clock;
        _random = random;
        _log = log;
        var key = new byte[TokenSeal.KeySize];
        random.Fill(key);
        _seal = new TokenSeal(key);
        PutTokenKeyLocked(_seal);
        AddDefaultAccountLocked();
    }

    // The change log's tables.
    private const string Domains = "domains";
    private const string Users = "users";
    private const string Tokens = "tokens";
    private const string Projects = "projects";
    private const string Keys = "keys";
    private const string TokenKey = "token";

    public void Reset()
    {
        lock (_gate)
        {
            ClearLocked();
            PutTokenKeyLocked(_seal);
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
            foreach (var userId in _domains.GetValueOrDefault(domainId)?.Values.ToList() ?? [])
            {
                RemoveUserLocked(_users[userId]);
            }
            RemoveDomainLocked(domainId);
            // Projects are few (one per region an account uses); this scan is over projects, not users or devices.
            foreach (var project in _projects.Where(p => p.Value == domainId).Select(p => p.Key).ToList())
            {
                RemoveProjectLocked(project);
            }
            if (domainId == DefaultHuaweiAccount.DomainId)
            {
                AddDefaultAccountLocked();
            }
        }
        return true;
    }

    public object Snapshot()
    {
        lock (_gate)
        {
            return new AccountsState(
                [.. _domains.Select(pair => pair.Value.DomainOf(pair.Key)).OfType<HuaweiDomain>()], [.. _users.Values], [.. _tokens.Values], new(_projects), _seal.KeyText);
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
        StateSchema.Index(restored.Users, u => $"{u.DomainId}/{u.Name}", Name, "user name in its account");
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
        var seal = restored.TokenKey is { } key ? SealOf(key) : null;
        return () =>
        {
            lock (_gate)
            {
                ClearLocked();
                PutTokenKeyLocked(seal ?? _seal);
                foreach (var domain in domains.Values)
                {
                    AddDomainLocked(domain);
                }
                foreach (var user in users.Values)
                {
                    AddUserLocked(user);
                }
                foreach (var token in tokens.Values)
                {
                    AddTokenLocked(token);
                }
                foreach (var (projectId, domainId) in projects)
                {
                    AddProjectLocked(projectId, domainId);
                }
            }
        };
    }


    private sealed record AccountsState(
        [property: JsonPropertyName("domains")] List<HuaweiDomain> Domains,
        [property: JsonPropertyName("users")] List<HuaweiUser> Users,
        [property: JsonPropertyName("tokens")] List<IssuedToken> Tokens,
        [property: JsonPropertyName("projects")] Dictionary<string, string>? Projects = null,
        [property: JsonPropertyName("token_key")] string? TokenKey = null);

    private TokenSeal SealOf(string keyText)
    {
        var key = new byte[TokenSeal.KeySize];
        StateSchema.Require(Convert.TryFromBase64String(keyText, key, out var length) && length == TokenSeal.KeySize, Name,
            $"the token key is not {TokenSeal.KeySize} bytes of base64");
        return new TokenSeal(key);
    }

    /// <summary>
    /// True when the project is the account's: already known to be, or not yet claimed by any account (it is then
    /// claimed). Strict mode uses it so one account cannot read or change another's project.
    /// </summary>
    public bool ClaimProject(string projectId, string domainId)
    {
        lock (_gate)
        {
            if (_projects.TryGetValue(projectId, out var owner))
            {
                return owner == domainId;
            }
            AddProjectLocked(projectId, domainId);
            return true;
        }
    }

    public HuaweiDomain? FindDomain(string id)
    {
        lock (_gate)
        {
            return _domains.GetValueOrDefault(id)?.DomainOf(id);
        }
    }

    public HuaweiDomain? FindDomainByName(string name)
    {
        lock (_gate)
        {
            return _domainByName.TryGetValue(name, out var id) ? _domains[id].DomainOf(id) : null;
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
            return UserIdByNameLocked(domainId, name) is { } id ? _users[id] : null;
        }
    }

    public HuaweiUser? FindUserByAccessKey(string accessKey)
    {
        lock (_gate)
        {
            return _userByAccessKey.TryGetValue(accessKey, out var id) ? _users[id] : null;
        }
    }

    public HuaweiDomain CreateDomain(string? name, string? id = null)
    {
        // Randomness is drawn before the lock: it is a system call, and parallel creates queue behind the lock.
        var domain = new HuaweiDomain(id ?? _random.NewHex(32), name ?? $"account-{_random.NewHex(8)}");
        lock (_gate)
        {
            if (_domains.GetValueOrDefault(domain.Id)?.Name is not null)
            {
                throw new InvalidOperationException($"The account {domain.Id} exists already.");
            }
            AddDomainLocked(domain);
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
        var user = new HuaweiUser(
            fixedCredentials?.UserId ?? _random.NewHex(32), domainId, name, password ?? _random.NewToken(12), email, mobile, admin,
            AccessKey: fixedCredentials?.AccessKey ?? _random.NewHex(20).ToUpperInvariant(),
            SecretKey: fixedCredentials?.SecretKey ?? _random.NewToken(30),
            Profile: profile == UserProfile.Default ? null : profile, CreatedAt: _clock.GetUtcNow(), TokenStamp: NewTokenStamp());
        lock (_gate)
        {
            if (_users.ContainsKey(user.Id) || UserIdByNameLocked(domainId, name) is not null || _userByAccessKey.ContainsKey(user.AccessKey))
            {
                return null;
            }
            AddUserLocked(user);
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
            var changed = change(user) with { Id = user.Id, DomainId = user.DomainId, AccessKey = user.AccessKey };
            if (changed.Name != user.Name && UserIdByNameLocked(user.DomainId, changed.Name) is not null)
            {
                return null;
            }
            AddUserLocked(changed);
            return changed;
        }
    }

    /// <summary>Removes a user and their tokens.</summary>
    public bool DeleteUser(string userId)
    {
        lock (_gate)
        {
            if (!_users.TryGetValue(userId, out var user))
            {
                return false;
            }
            RemoveUserLocked(user);
            return true;
        }
    }

    /// <summary>An account's users in name order (KeystoneListUsers has no paging).</summary>
    public IReadOnlyList<HuaweiUser> UsersOf(string domainId)
    {
        lock (_gate)
        {
            return [.. (_domains.GetValueOrDefault(domainId)?.Values ?? []).Select(id => _users[id]).OrderBy(u => u.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>
    /// A new sealed token for 24 hours, which the store does not keep; a <paramref name="fixedValue"/> (seed files,
    /// control routes) is kept and never expires.
    /// </summary>
    public IssuedToken IssueToken(HuaweiUser user, IReadOnlyList<string> methods, DateTimeOffset? mfaAuthnAt, string? projectId, string? fixedValue = null, string? projectName = null)
    {
        var now = _clock.GetUtcNow();
        if (fixedValue is null)
        {
            Span<byte> auditId = stackalloc byte[8];
            _random.Fill(auditId);
            var fields = new IssuedToken("", user.Id, methods, now, now + TokenLifetime, mfaAuthnAt, projectId, projectName);
            return fields with { Value = _seal.Seal(fields, user.TokenStamp, auditId) };
        }
        var token = new IssuedToken(fixedValue, user.Id, methods, now, DateTimeOffset.MaxValue, mfaAuthnAt, projectId, projectName);
        lock (_gate)
        {
            DropExpiredLocked(now);
            AddTokenLocked(token);
        }
        return token;
    }

    /// <summary>A kept token, or a sealed one whose user is still the one it was issued to; expired ones are found too.</summary>
    public IssuedToken? FindToken(string value)
    {
        var seal = _seal;
        lock (_gate)
        {
            if (_tokens.TryGetValue(value, out var kept))
            {
                return kept;
            }
        }
        if (seal.Open(value) is not var (token, stamp))
        {
            return null;
        }
        lock (_gate)
        {
            return _users.TryGetValue(token.UserId, out var user) && user.TokenStamp == stamp ? token : null;
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
                RemoveTokenLocked(token);
            }
        }
    }

    private void AddDefaultAccountLocked()
    {
        AddDomainLocked(DefaultHuaweiAccount.Domain);
        AddUserLocked(DefaultHuaweiAccount.Admin with { TokenStamp = NewTokenStamp() }); // its old sealed tokens end with a reset
        // The documented ready token never expires: CI jobs may start the emulator long before they use it.
        AddTokenLocked(new IssuedToken(
            DefaultHuaweiAccount.AdminToken, DefaultHuaweiAccount.AdminId, ["token"], DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, MfaAuthnAt: null, ProjectId: null));
    }

    private long NewTokenStamp()
    {
        Span<byte> stamp = stackalloc byte[sizeof(long)];
        _random.Fill(stamp);
        return BitConverter.ToInt64(stamp);
    }

    private void PutTokenKeyLocked(TokenSeal seal)
    {
        _seal = seal;
        _log.Put(this, Keys, TokenKey, seal.KeyText);
    }

    private void ClearLocked()
    {
        _domains.Clear();
        _users.Clear();
        _keptTokensByUser.Clear();
        _tokens.Clear();
        _projects.Clear();
        _expiries.Clear();
        _userByAccessKey.Clear();
        _domainByName.Clear();
        _log.Clear(this);
    }

    private void AddDomainLocked(HuaweiDomain domain)
    {
        EntryOf(domain.Id).Name = domain.Name;
        _domainByName.TryAdd(domain.Name, domain.Id);
        _log.Put(this, Domains, domain.Id, domain);
    }

    private void RemoveDomainLocked(string domainId)
    {
        if (_domains.TryGetValue(domainId, out var entry) && entry.Name is { } name)
        {
            entry.Name = null;
            DropIfEmptyLocked(entry, domainId);
            _log.Remove(this, Domains, domainId);
            if (_domainByName.GetValueOrDefault(name) == domainId)
            {
                _domainByName.Remove(name);
            }
        }
    }

    private void AddProjectLocked(string projectId, string domainId)
    {
        _projects[projectId] = domainId;
        _log.Put(this, Projects, projectId, domainId);
    }

    private void RemoveProjectLocked(string projectId)
    {
        if (_projects.Remove(projectId))
        {
            _log.Remove(this, Projects, projectId);
        }
    }

    /// <summary>Adds or replaces a user under every index (a replaced user keeps its id; its old name and access key leave the indexes).</summary>
    private void AddUserLocked(HuaweiUser user)
    {
        if (_users.TryGetValue(user.Id, out var replaced))
        {
            ForgetNameLocked(replaced);
            _userByAccessKey.Remove(replaced.AccessKey);
        }
        _users[user.Id] = user;
        _log.Put(this, Users, user.Id, user);
        _userByAccessKey[user.AccessKey] = user.Id;
        EntryOf(user.DomainId).Set(user.Name, user.Id);
    }

    private void RemoveUserLocked(HuaweiUser user)
    {
        _log.Remove(this, Users, user.Id);
        _userByAccessKey.Remove(user.AccessKey);
        ForgetNameLocked(user);
        _users.Remove(user.Id);
        if (_keptTokensByUser.Remove(user.Id, out var kept))
        {
            foreach (var value in kept)
            {
                _tokens.Remove(value);
            }
        }
    }

    private void AddTokenLocked(IssuedToken token)
    {
        if (!_users.ContainsKey(token.UserId))
        {
            return; // the user was deleted while the token was being made: a token of nobody is not kept
        }
        _tokens[token.Value] = token;
        _log.Put(this, Tokens, token.Value, token);
        if (!_keptTokensByUser.TryGetValue(token.UserId, out var kept))
        {
            kept = new KeySet<string>();
            _keptTokensByUser.Add(token.UserId, kept);
        }
        kept.Add(token.Value);
        if (token.ExpiresAt != DateTimeOffset.MaxValue)
        {
            _expiries.Enqueue(token.Value, token.ExpiresAt + ExpiredTokenMemory);
        }
    }

    private void RemoveTokenLocked(IssuedToken token)
    {
        _tokens.Remove(token.Value);
        _log.Remove(this, Tokens, token.Value);
        if (_keptTokensByUser.TryGetValue(token.UserId, out var kept) && kept.Remove(token.Value) && kept.Count == 0)
        {
            _keptTokensByUser.Remove(token.UserId);
        }
    }

    /// <summary>A user's removal takes their tokens with it, as <see cref="RemoveUserLocked"/> does; a user put over an existing one is an update.</summary>
    public void Replay(StateChange change) => change.ReplayUnder(_gate, ClearLocked, key =>
    {
        switch (change.Table)
        {
            case Domains:
                RemoveDomainLocked(key);
                if (change.ValueAs<HuaweiDomain>(d => d.Id) is { } domain)
                {
                    AddDomainLocked(domain);
                }
                break;
            case Users when change.ValueAs<HuaweiUser>(u => u.Id) is { } user:
                StateSchema.Require((UserIdByNameLocked(user.DomainId, user.Name) ?? user.Id) == user.Id, Name,
                    $"the change of user {user.Id} takes the name of another user of its account");
                AddUserLocked(user);
                break;
            case Users:
                if (_users.TryGetValue(key, out var removed))
                {
                    RemoveUserLocked(removed);
                }
                break;
            case Tokens when change.ValueAs<IssuedToken>(t => t.Value) is { } token:
                StateSchema.Require(_users.ContainsKey(token.UserId), Name, $"a token change names a user ({token.UserId}) that is not there");
                AddTokenLocked(token);
                break;
            case Tokens:
                if (_tokens.TryGetValue(key, out var dropped))
                {
                    RemoveTokenLocked(dropped);
                }
                break;
            case Projects when change.ValueAs<string>() is { } domainId:
                AddProjectLocked(key, domainId);
                break;
            case Projects:
                RemoveProjectLocked(key);
                break;
            case Keys when key == TokenKey && change.ValueAs<string>() is { } keyText:
                PutTokenKeyLocked(SealOf(keyText));
                break;
            default:
                throw change.UnknownTable();
        }
    });

    /// <summary>
    /// An account with its users' ids by name (IAM names are unique in an account): sign-in by name looks them up, tenant
    /// resets and KeystoneListUsers walk them. A user may name an account that is not there (made while a tenant reset
    /// removed it), so an entry stays while it has users; its <see cref="Name"/> is then null.
    /// </summary>
    private sealed class DomainEntry : SmallMap<string, string>
    {
        public string? Name { get; set; }

        /// <summary>The account's record, made when asked: a record kept per account cost 32 bytes (bench/results/scale.md).</summary>
        public HuaweiDomain? DomainOf(string id) => Name is null ? null : new(id, Name);
    }

    private DomainEntry EntryOf(string domainId)
    {
        if (!_domains.TryGetValue(domainId, out var entry))
        {
            entry = new DomainEntry();
            _domains.Add(domainId, entry);
        }
        return entry;
    }

    private string? UserIdByNameLocked(string domainId, string name) =>
        _domains.TryGetValue(domainId, out var entry) && entry.TryGetValue(name, out var id) ? id : null;

    /// <summary>Takes the user's name out of their account's entry, if it is still theirs.</summary>
    private void ForgetNameLocked(HuaweiUser user)
    {
        if (_domains.TryGetValue(user.DomainId, out var account) && account.TryGetValue(user.Name, out var id) && id == user.Id)
        {
            account.Remove(user.Name);
            DropIfEmptyLocked(account, user.DomainId);
        }
    }

    private void DropIfEmptyLocked(DomainEntry entry, string domainId)
    {
        if (entry.Name is null && entry.Count == 0)
        {
            _domains.Remove(domainId);
        }
    }
}
