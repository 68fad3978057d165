using MfaEmulator.Common.Errors;

namespace MfaEmulator.Zitadel.LoginPolicy;

/// <summary>What a change answers: <c>details</c> of an add (creationDate) or of a change (changeDate).</summary>
internal sealed record ChangeDetails(ulong Sequence, DateTimeOffset At, string ResourceOwner, bool IsAdd);

/// <summary>A factor list as the list calls answer it: read at <see cref="ViewedAt"/>, with the aggregate's sequence then.</summary>
internal sealed record FactorList(IReadOnlyList<int> Factors, DateTimeOffset ViewedAt, ulong ProcessedSequence);

/// <summary>
/// The login policy's operations, one implementation behind the REST gateway, native gRPC and gRPC-web: each
/// turns the store's outcome into the details to answer or into ZITADEL's error for that scope (org or instance).
/// Requests reach it validated.
/// </summary>
internal sealed class LoginPolicyCommands(LoginPolicyStore store, ZitadelOrgs orgs, TimeProvider clock)
{
    public ResolvedLoginPolicy LoginPolicyOf(string orgId) => store.LoginPolicyOf(orgId);

    public ResolvedLoginPolicy DefaultLoginPolicy() => store.DefaultLoginPolicy();

    public Outcome<ChangeDetails> AddCustomLoginPolicy(string orgId, LoginPolicySettings requested) =>
        Answer(store.AddCustomLoginPolicy(orgId, requested), orgId, isAdd: true, state => state switch
        {
            ChangeOutcome.AlreadyExists => LoginPolicyErrors.LoginPolicyAlreadyExists(),
            _ => ZitadelErrors.OrganisationMissing(),
        });

    public Outcome<ChangeDetails> UpdateLoginPolicy(PolicyScope scope, LoginPolicySettings requested) =>
        Answer(store.UpdatePolicy(scope, requested), OwnerOf(scope), isAdd: false, state => (state, scope.OrgId) switch
        {
            (ChangeOutcome.NotChanged, null) => LoginPolicyErrors.InstancePolicyNotChanged(),
            (ChangeOutcome.NotChanged, _) => LoginPolicyErrors.OrgPolicyNotChanged(),
            (ChangeOutcome.NotFound, _) => LoginPolicyErrors.UpdatedPolicyNotFound(),
            _ => ZitadelErrors.OrganisationMissing(),
        });

    public Outcome<ChangeDetails> ResetLoginPolicyToDefault(string orgId) =>
        Answer(store.ResetLoginPolicy(orgId), orgId, isAdd: false, state => state switch
        {
            ChangeOutcome.NotFound => LoginPolicyErrors.LoginPolicyNotFound(),
            _ => ZitadelErrors.OrganisationMissing(),
        });

    public Outcome<ChangeDetails> AddFactor(PolicyScope scope, FactorKind kind, int factor) =>
        Answer(store.AddFactor(scope, kind, factor), OwnerOf(scope), isAdd: true, state => (state, scope.OrgId, kind) switch
        {
            (ChangeOutcome.AlreadyExists, null, FactorKind.Second) => LoginPolicyErrors.InstanceFactorAlreadyExists(),
            (ChangeOutcome.AlreadyExists, null, FactorKind.Multi) => LoginPolicyErrors.InstanceMultiFactorAlreadyExists(),
            (ChangeOutcome.AlreadyExists, _, FactorKind.Second) => LoginPolicyErrors.OrgFactorAlreadyExists(),
            (ChangeOutcome.AlreadyExists, _, FactorKind.Multi) => LoginPolicyErrors.OrgMultiFactorAlreadyExists(),
            _ => ZitadelErrors.OrganisationMissing(),
        });

    public Outcome<ChangeDetails> RemoveFactor(PolicyScope scope, FactorKind kind, int factor) =>
        Answer(store.RemoveFactor(scope, kind, factor), OwnerOf(scope), isAdd: false, state => (state, scope.OrgId, kind) switch
        {
            (ChangeOutcome.NotFound, null, FactorKind.Second) => LoginPolicyErrors.InstanceFactorNotExisting(),
            (ChangeOutcome.NotFound, null, FactorKind.Multi) => LoginPolicyErrors.InstanceMultiFactorNotExisting(),
            (ChangeOutcome.NotFound, _, FactorKind.Second) => LoginPolicyErrors.OrgFactorNotExisting(),
            (ChangeOutcome.NotFound, _, FactorKind.Multi) => LoginPolicyErrors.OrgMultiFactorNotExisting(),
            _ => ZitadelErrors.OrganisationMissing(),
        });

    /// <summary>The org's custom policy's factors, else the default's (<c>SecondFactorsByOrg</c>, <c>MultiFactorsByOrg</c>).</summary>
    public FactorList ListFactors(PolicyScope scope, FactorKind kind)
    {
        var policy = scope.OrgId is { } orgId ? store.LoginPolicyOf(orgId).Policy : store.DefaultLoginPolicy().Policy;
        return new FactorList(policy.Of(kind), clock.GetUtcNow(), orgs.SequenceOf(OwnerOf(scope)));
    }

    /// <summary>The emulator models no identity providers, so no policy links one.</summary>
    public FactorList ListIdps(PolicyScope scope) => new([], clock.GetUtcNow(), orgs.SequenceOf(OwnerOf(scope)));

    /// <summary>
    /// AddIDPToLoginPolicy: an org needs its custom policy first (<c>Org-Ffgw2</c>); then the IdP must exist, and
    /// the emulator has none, so every id is ZITADEL's FailedPrecondition for an unknown IdP configuration.
    /// </summary>
    public ApiError AddIdp(PolicyScope scope) => scope.OrgId switch
    {
        null => LoginPolicyErrors.InstanceIdpNotExisting(),
        { } orgId when store.LoginPolicyOf(orgId).IsDefault => LoginPolicyErrors.IdpPolicyNotFound(),
        _ => LoginPolicyErrors.OrgIdpNotExisting(),
    };

    /// <summary>RemoveIDPFromLoginPolicy: nothing is ever linked.</summary>
    public ApiError RemoveIdp(PolicyScope scope) => scope.OrgId switch
    {
        null => LoginPolicyErrors.InstanceIdpNotLinked(),
        { } orgId when store.LoginPolicyOf(orgId).IsDefault => LoginPolicyErrors.RemoveIdpPolicyNotFound(),
        _ => LoginPolicyErrors.OrgIdpNotLinked(),
    };

    private string OwnerOf(PolicyScope scope) => scope.OrgId ?? orgs.InstanceId;

    private static Outcome<ChangeDetails> Answer(StoreChange change, string resourceOwner, bool isAdd, Func<ChangeOutcome, ApiError> error) =>
        change.Outcome == ChangeOutcome.Done
            ? new ChangeDetails(change.Sequence, change.At, resourceOwner, isAdd)
            : error(change.Outcome);
}
