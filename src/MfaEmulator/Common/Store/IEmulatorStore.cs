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

    /// <summary>
    /// The store's records, copied under its lock into a value that serializes (with the default options) to its
    /// part of the state document; the caller serializes it, so the lock is not held while that happens.
    /// </summary>
    object Snapshot();

    /// <summary>
    /// Reads a state in <see cref="Snapshot"/>'s form (null: the start state) and checks all of it, throwing
    /// <see cref="InvalidStateException"/> when it does not fit; returns what puts it in place, which cannot fail.
    /// Nothing changes until that is called, so a whole document is checked before any store is replaced.
    /// </summary>
    Action Load(JsonNode? state);

    /// <summary>
    /// Applies one change this store told its <see cref="IStateChangeLog"/>, when the state file's log is read at
    /// start; throws <see cref="InvalidStateException"/> for a change that does not fit.
    /// </summary>
    void Replay(StateChange change);
}
