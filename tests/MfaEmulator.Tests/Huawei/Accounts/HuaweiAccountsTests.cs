using System.Text.Json;
using MfaEmulator.Common.Randomness;
using MfaEmulator.Common.Store;
using MfaEmulator.Huawei;
using MfaEmulator.Huawei.Accounts;

namespace MfaEmulator.Tests.Huawei.Accounts;

/// <summary>The account store's indexes at their edges: users of an account that is gone, tokens of a user that is gone, sealed tokens.</summary>
public sealed class HuaweiAccountsTests
{
    private readonly HuaweiAccounts _store = new(TimeProvider.System, new CryptoRandomSource(), NoStateChangeLog.Instance);

    [Fact]
    public void A_user_of_an_account_that_is_not_there_is_found_and_leaves_with_that_tenants_reset()
    {
        var user = _store.CreateUser("0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f", "alice", null, null, null, admin: false)!;

        Assert.Null(_store.FindDomain(user.DomainId));
        Assert.Equal(user, _store.FindUser(user.Id));
        Assert.Equal([user.Id], _store.UsersOf(user.DomainId).Select(u => u.Id));

        _store.ResetTenant(HuaweiVendor.DomainTenant, user.DomainId);
        Assert.Null(_store.FindUser(user.Id));
        Assert.Empty(_store.UsersOf(user.DomainId));
    }

    [Fact]
    public void An_account_made_again_after_its_tenant_reset_starts_without_the_old_users()
    {
        var domain = _store.CreateDomain("acme");
        var user = _store.CreateUser(domain.Id, "bob", null, null, null, admin: true)!;

        _store.ResetTenant(HuaweiVendor.DomainTenant, domain.Id);
        Assert.Null(_store.FindDomain(domain.Id));
        Assert.Null(_store.FindUser(user.Id));

        var again = _store.CreateDomain("acme", domain.Id);
        Assert.Equal(again, _store.FindDomainByName("acme"));
        Assert.Empty(_store.UsersOf(domain.Id));
    }

    [Fact]
    public void A_token_made_for_a_user_deleted_meanwhile_is_not_kept()
    {
        var domain = _store.CreateDomain(null);
        var user = _store.CreateUser(domain.Id, "carol", null, null, null, admin: true)!;
        var kept = _store.IssueToken(user, ["password"], mfaAuthnAt: null, projectId: null);

        Assert.True(_store.DeleteUser(user.Id));
        var late = _store.IssueToken(user, ["password"], mfaAuthnAt: null, projectId: null);

        Assert.Null(_store.FindToken(kept.Value));
        Assert.Null(_store.FindToken(late.Value));
    }

    [Fact]
    public void Tokens_share_their_method_lists()
    {
        var domain = _store.CreateDomain(null);
        var user = _store.CreateUser(domain.Id, "dave", null, null, null, admin: true)!;

        var first = _store.IssueToken(user, ["password", "totp"], mfaAuthnAt: null, projectId: null);
        var second = _store.IssueToken(user, ["password", "totp"], mfaAuthnAt: null, projectId: null);

        var saved = JsonSerializer.Serialize(first);
        var read = JsonSerializer.Deserialize<IssuedToken>(saved)!;

        Assert.Same(first.Methods, second.Methods);
        Assert.Equal(["password", "totp"], _store.FindToken(second.Value)!.Methods);
        Assert.Contains("\"methods\":[\"password\",\"totp\"]", saved, StringComparison.Ordinal);
        Assert.Same(first.Methods, read.Methods); // a token from a state file shares them too
    }

    [Fact]
    public void A_sealed_token_carries_its_fields_and_outlives_a_state_round_trip_but_not_another_key()
    {
        var domain = _store.CreateDomain(null);
        var user = _store.CreateUser(domain.Id, "erin", null, null, null, admin: true)!;
        var mfaAt = DateTimeOffset.UtcNow;
        var token = _store.IssueToken(user, ["password", "totp"], mfaAt, "0123456789abcdef0123456789abcdef", projectName: "cn-north-4");
        var restored = new HuaweiAccounts(TimeProvider.System, new CryptoRandomSource(), NoStateChangeLog.Instance);
        var stranger = new HuaweiAccounts(TimeProvider.System, new CryptoRandomSource(), NoStateChangeLog.Instance);
        restored.Load(JsonSerializer.SerializeToNode(_store.Snapshot()))();
        var withoutKey = JsonSerializer.SerializeToNode(_store.Snapshot())!.AsObject();
        withoutKey.Remove("token_key");
        stranger.Load(withoutKey)();

        var found = restored.FindToken(token.Value)!;

        Assert.StartsWith(TokenSeal.Prefix, token.Value, StringComparison.Ordinal);
        Assert.Equal((user.Id, token.IssuedAt, token.ExpiresAt, (DateTimeOffset?)mfaAt, "0123456789abcdef0123456789abcdef", "cn-north-4"),
            (found.UserId, found.IssuedAt, found.ExpiresAt, found.MfaAuthnAt, found.ProjectId, found.ProjectName));
        Assert.Equal(["password", "totp"], found.Methods);
        Assert.Null(stranger.FindToken(token.Value));
    }

    [Fact]
    public void A_sealed_token_changed_by_one_character_or_of_a_user_made_again_is_not_found()
    {
        var domain = _store.CreateDomain(null);
        var user = _store.CreateUser(domain.Id, "frank", null, null, null, admin: true, new FixedCredentials("0f1e2d3c4b5a69788796a5b4c3d2e1f0", null, null))!;
        var token = _store.IssueToken(user, ["password"], mfaAuthnAt: null, projectId: null);
        var changed = token.Value[..^1] + (token.Value[^1] == 'A' ? 'B' : 'A');

        Assert.NotNull(_store.FindToken(token.Value));
        Assert.Null(_store.FindToken(changed));
        Assert.Null(_store.FindToken(TokenSeal.Prefix + "not-base64!"));

        Assert.True(_store.DeleteUser(user.Id));
        Assert.NotNull(_store.CreateUser(domain.Id, "frank", null, null, null, admin: true, new FixedCredentials(user.Id, null, null)));
        Assert.Null(_store.FindToken(token.Value));
    }

    [Fact]
    public void The_default_administrators_sealed_tokens_end_with_the_default_accounts_reset_but_the_ready_token_does_not()
    {
        var admin = _store.FindUser(DefaultHuaweiAccount.AdminId)!;
        var token = _store.IssueToken(admin, ["password"], mfaAuthnAt: null, projectId: null);

        _store.ResetTenant(HuaweiVendor.DomainTenant, DefaultHuaweiAccount.DomainId);

        Assert.Null(_store.FindToken(token.Value));
        Assert.Equal(DefaultHuaweiAccount.AdminId, _store.FindToken(DefaultHuaweiAccount.AdminToken)!.UserId);
    }

    [Fact]
    public void A_state_with_two_users_of_one_name_in_one_account_does_not_fit()
    {
        var domain = _store.CreateDomain(null);
        _store.CreateUser(domain.Id, "grace", null, null, null, admin: true);
        var state = JsonSerializer.SerializeToNode(_store.Snapshot())!;
        var users = state["users"]!.AsArray();
        var twin = users.Single(u => u!["name"]!.GetValue<string>() == "grace")!.DeepClone();
        twin["id"] = "1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f";
        twin["access_key"] = "TWINACCESSKEY0000001";
        users.Add(twin);

        var error = Assert.Throws<InvalidStateException>(() => _store.Load(state));

        Assert.Contains($"user name in its account {domain.Id}/grace appears twice", error.Message, StringComparison.Ordinal);
        Assert.Equal(domain.Id, _store.FindUserByName(domain.Id, "grace")!.DomainId);
    }
}
