using System.Text.Json.Nodes;

namespace MfaEmulator.Common.Store;

/// <summary>
/// The narrow face every API's store shows the emulator's control routes: reset all or one tenant, and
/// export/import its whole state as JSON (for <c>GET/PUT /_emulator/state</c> and <c>--state-file</c>).
/// Implementations are thread-safe and change state all-or-nothing.
/// </summary>
internal interface IEmulatorStore
{
    /// <summary>The store's key in the state document, e.g. <c>hss</c>.</summary>
    string Name { get; }

    /// <summary>Back to the start state (default identities included).</summary>
    void Reset();

    /// <summary>
    /// Forgets one tenant, named as a reset names it (<c>{"domain_id": "…"}</c>: key <c>domain_id</c>); false when
    /// this store has no tenants of that key.
    /// </summary>
    bool ResetTenant(string tenantKey, string id);

    JsonNode Snapshot();

    /// <summary>Replaces the whole state with one from <see cref="Snapshot"/>; null means the start state.</summary>
    void Restore(JsonNode? state);
}
