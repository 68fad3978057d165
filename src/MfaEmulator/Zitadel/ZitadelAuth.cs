using System.Reflection;

namespace MfaEmulator.Zitadel;

/// <summary>
/// Who is calling a ZITADEL route, as <see cref="ZitadelFamily"/> found out: the org the call acts in (the token
/// owner's, or the one <c>x-zitadel-orgid</c> names) and the roles that count there. A handler parameter bound
/// from the request, never from a header the handler parses itself.
/// </summary>
internal sealed record ZitadelCaller(string OrgId, IReadOnlyList<string> Roles)
{
    public void AttachTo(HttpContext context) => context.Features.Set(this);

    public static ZitadelCaller? Of(HttpContext context) => context.Features.Get<ZitadelCaller>();

    public static ValueTask<ZitadelCaller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult(Of(context));
}

/// <summary>
/// The permission a route needs (the <c>zitadel.v1.auth_option</c> of its RPC in management.proto / admin.proto):
/// endpoint metadata on a REST route, an attribute on a gRPC method (grpc-dotnet copies it into the metadata).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ZitadelPermission(string name) : Attribute
{
    public string Name { get; } = name;
}

internal static class ZitadelPermissionExtensions
{
    public static RouteHandlerBuilder RequireZitadelPermission(this RouteHandlerBuilder builder, string permission) =>
        builder.WithMetadata(new ZitadelPermission(permission));
}

/// <summary>
/// ZITADEL's manager roles and the policy permissions each grants (cmd/defaults.yaml <c>InternalAuthZ.RolePermissionMappings</c>,
/// reduced to the permissions these routes check). ORG_* roles count only in the token's own org; IAM_* roles are
/// instance memberships and count in every org.
/// </summary>
internal static class ZitadelRoles
{
    public const string IamOwner = "IAM_OWNER";
    public const string IamOwnerViewer = "IAM_OWNER_VIEWER";
    public const string IamOrgManager = "IAM_ORG_MANAGER";
    public const string OrgOwner = "ORG_OWNER";
    public const string OrgOwnerViewer = "ORG_OWNER_VIEWER";
    public const string OrgSettingsManager = "ORG_SETTINGS_MANAGER";
    public const string OrgUserManager = "ORG_USER_MANAGER";

    public const string PolicyRead = "policy.read";
    public const string PolicyWrite = "policy.write";
    public const string PolicyDelete = "policy.delete";
    public const string IamPolicyRead = "iam.policy.read";
    public const string IamPolicyWrite = "iam.policy.write";

    /// <summary>What any well-formed bearer token is in lenient mode: an owner of the org it targets (and of the instance).</summary>
    public static readonly IReadOnlyList<string> Lenient = [OrgOwner, IamOwner];

    private static readonly Dictionary<string, string[]> Permissions = new(StringComparer.Ordinal)
    {
        [IamOwner] = [IamPolicyRead, IamPolicyWrite, PolicyRead, PolicyWrite, PolicyDelete],
        [IamOwnerViewer] = [IamPolicyRead, PolicyRead],
        [IamOrgManager] = [PolicyRead, PolicyWrite, PolicyDelete],
        [OrgOwner] = [PolicyRead, PolicyWrite, PolicyDelete],
        [OrgOwnerViewer] = [PolicyRead],
        [OrgSettingsManager] = [PolicyRead, PolicyWrite, PolicyDelete],
        [OrgUserManager] = [PolicyRead],
    };

    /// <summary>The roles a token can be issued with (<c>POST /_emulator/zitadel/tokens</c>).</summary>
    public static readonly IReadOnlyList<string> Known = [.. Permissions.Keys.Order(StringComparer.Ordinal)];

    public static bool IsInstanceRole(string role) => role.StartsWith("IAM_", StringComparison.Ordinal);

    /// <summary>The roles of a token that count in <paramref name="orgId"/>.</summary>
    public static IReadOnlyList<string> EffectiveIn(ZitadelPat pat, string orgId) =>
        [.. pat.Roles.Where(role => pat.OrgId == orgId || IsInstanceRole(role))];

    public static bool Grants(IEnumerable<string> roles, string permission) =>
        roles.Any(role => Permissions.TryGetValue(role, out var granted) && granted.Contains(permission, StringComparer.Ordinal));
}
