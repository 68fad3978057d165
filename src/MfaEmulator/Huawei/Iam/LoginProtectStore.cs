using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MfaEmulator.Common.Store;

namespace MfaEmulator.Huawei.Iam;

/// <summary>One user's login protection; absent until the user's configuration is first set (iam_08_0016: 404 before).</summary>
internal sealed record LoginProtect(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("domain_id")] string DomainId,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("verification_method")] string VerificationMethod)
{
    /// <summary>Virtual MFA is what a sign-in needs a TOTP code for.</summary>
    public bool RequiresVirtualMfa => Enabled && VerificationMethod == LoginProtectMethods.Vmfa;
}

internal static class LoginProtectMethods
{
    public const string Sms = "sms";
    public const string Email = "email";
    public const string Vmfa = "vmfa";

    /// <summary>How a disabled protection reads back, whatever method the disabling call named (iam_08_0014's list example).</summary>
    public const string None = "none";

    public static readonly string[] All = [Sms, Email, Vmfa];

    public static readonly string[] Stored = [.. All, None];
}

internal sealed class LoginProtectStore(IStateChangeLog log) : IEmulatorStore
{
    private const string Protects = "protects";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LoginProtect> _byUser = new(StringComparer.Ordinal);

    /// <summary>Each account's users with a configuration, in user id order (what the list answers).</summary>
    private readonly Dictionary<string, SortedSet<string>> _byDomain = new(StringComparer.Ordinal);

    public string Name => "iam_login_protects";

    public LoginProtect Set(LoginProtect protect)
    {
        lock (_gate)
        {
            SetLocked(protect);
            return protect;
        }
    }

    private void SetLocked(LoginProtect protect)
    {
        _byUser[protect.UserId] = protect;
        log.Put(this, Protects, protect.UserId, protect);
        if (!_byDomain.TryGetValue(protect.DomainId, out var users))
        {
            users = new SortedSet<string>(StringComparer.Ordinal);
            _byDomain.Add(protect.DomainId, users);
        }
        users.Add(protect.UserId);
    }

    public void Remove(string userId)
    {
        lock (_gate)
        {
            RemoveLocked(userId);
        }
    }

    private void RemoveLocked(string userId)
    {
        if (_byUser.Remove(userId, out var removed))
        {
            log.Remove(this, Protects, userId);
            _byDomain.GetValueOrDefault(removed.DomainId)?.Remove(userId);
        }
    }

    public LoginProtect? Find(string userId)
    {
        lock (_gate)
        {
            return _byUser.GetValueOrDefault(userId);
        }
    }

    public IReadOnlyList<LoginProtect> OfDomain(string domainId)
    {
        lock (_gate)
        {
            return _byDomain.TryGetValue(domainId, out var users) ? [.. users.Select(userId => _byUser[userId])] : [];
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            ClearLocked();
        }
    }

    private void ClearLocked()
    {
        _byUser.Clear();
        _byDomain.Clear();
        log.Clear(this);
    }

    public bool ResetTenant(string tenantKey, string id)
    {
        if (tenantKey != HuaweiVendor.DomainTenant)
        {
            return false;
        }
        lock (_gate)
        {
            foreach (var userId in _byDomain.GetValueOrDefault(id)?.ToList() ?? [])
            {
                RemoveLocked(userId);
            }
            _byDomain.Remove(id);
        }
        return true;
    }

    public object Snapshot()
    {
        List<LoginProtect> protects;
        lock (_gate)
        {
            protects = [.. _byUser.Values];
        }
        return protects.OrderBy(p => p.UserId, StringComparer.Ordinal).ToList();
    }

    public Action Load(JsonNode? state)
    {
        var protects = state is null ? [] : StateSchema.Read<List<LoginProtect>>(state, Name);
        var byUser = StateSchema.Index(protects, p => p.UserId, Name, "the login protection of user");
        foreach (var protect in protects)
        {
            StateSchema.Require(LoginProtectMethods.Stored.Contains(protect.VerificationMethod), Name,
                $"user {protect.UserId} has verification_method '{protect.VerificationMethod}', not one of {string.Join(", ", LoginProtectMethods.Stored)}");
        }
        return () =>
        {
            lock (_gate)
            {
                ClearLocked();
                foreach (var protect in byUser.Values)
                {
                    SetLocked(protect);
                }
            }
        };
    }

    public void Replay(StateChange change) => change.ReplayUnder(_gate, ClearLocked, key =>
    {
        change.RequireTable(Protects);
        RemoveLocked(key);
        if (change.ValueAs<LoginProtect>(p => p.UserId) is { } protect)
        {
            SetLocked(protect);
        }
    });
}
