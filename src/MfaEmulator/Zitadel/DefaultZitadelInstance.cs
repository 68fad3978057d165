namespace MfaEmulator.Zitadel;

/// <summary>
/// The ZITADEL instance every fresh emulator starts with: its default org and that org's owner token are fixed
/// and documented in README.md so tests and CI can rely on them. Ids are 18-digit decimals like today's
/// Sonyflake ids (internal/id/sonyflake.go).
/// </summary>
internal static class DefaultZitadelInstance
{
    public const string InstanceId = "312909075211944344";
    public const string OrgId = "312909075212468632";
    public const string OrgName = "ZITADEL";

    /// <summary>A personal access token of the default org's machine user, with ORG_OWNER and IAM_OWNER; it never expires.</summary>
    public const string OwnerPat = "zitadel-emulator-owner-pat-00000000000000000000000000000000000000000001";

    /// <summary>
    /// Events on an org's aggregate when it is created (org added, domain added, verified and set primary, owner
    /// member added), so its first change answers sequence 6. Sequences only have to grow, not match a server.
    /// </summary>
    public const ulong OrgEventsAtCreation = 5;

    /// <summary>Events on the instance aggregate after setup; the setup's many events are not modelled one by one.</summary>
    public const ulong InstanceEventsAtSetup = 40;
}
