using System.Text.Json.Nodes;
using MfaEmulator.Common.Store;

namespace MfaEmulator.Emulator;

/// <summary>All stores together: what reset, <c>GET/PUT /_emulator/state</c> and the state file work on.</summary>
internal sealed class EmulatorState(IEnumerable<IEmulatorStore> stores)
{
    private readonly IEmulatorStore[] _stores = [.. stores];

    public void Reset()
    {
        foreach (var store in _stores)
        {
            store.Reset();
        }
    }

    /// <summary>Resets one tenant in every store that has tenants of that key.</summary>
    public void ResetTenant(string tenantKey, string id)
    {
        foreach (var store in _stores)
        {
            store.ResetTenant(tenantKey, id);
        }
    }

    public JsonObject Snapshot()
    {
        var document = new JsonObject { ["format"] = StateFormat };
        foreach (var store in _stores)
        {
            document[store.Name] = store.Snapshot();
        }
        return document;
    }

    /// <summary>Loads a document from <see cref="Snapshot"/>; a store it does not mention goes back to its start state.</summary>
    public void Restore(JsonObject document)
    {
        foreach (var store in _stores)
        {
            store.Restore(document[store.Name]);
        }
    }

    public const string StateFormat = "mfa-emulator-state/1";
}
