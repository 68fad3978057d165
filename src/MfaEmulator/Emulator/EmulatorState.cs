using System.Text.Json;
using System.Text.Json.Nodes;
using MfaEmulator.Common.Store;

namespace MfaEmulator.Emulator;

/// <summary>All stores together: what reset, <c>GET/PUT /_emulator/state</c> and the state file work on.</summary>
internal sealed class EmulatorState(IEnumerable<IEmulatorStore> stores)
{
    private readonly IEmulatorStore[] _stores = [.. stores];
    private readonly Dictionary<string, IEmulatorStore> _byName = stores.ToDictionary(s => s.Name, StringComparer.Ordinal);

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
            var part = store.Snapshot();
            document[store.Name] = JsonSerializer.SerializeToNode(part, part.GetType());
        }
        return document;
    }

    /// <summary>The same document as <see cref="Snapshot"/>, written as it is serialized (no document tree in memory, for the state file).</summary>
    public void WriteSnapshot(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("format", StateFormat);
        foreach (var store in _stores)
        {
            var part = store.Snapshot();
            json.WritePropertyName(store.Name);
            JsonSerializer.Serialize(json, part, part.GetType());
        }
        json.WriteEndObject();
    }

    /// <summary>
    /// Loads a document from <see cref="Snapshot"/>; a store it does not mention goes back to its start state. The
    /// whole document is checked first, so one that does not fit throws <see cref="InvalidStateException"/> and
    /// changes nothing.
    /// </summary>
    public void Restore(JsonObject document)
    {
        StateSchema.Require(document["format"] is JsonValue format && format.TryGetValue<string>(out var name) && name == StateFormat,
            "format", $"the document's \"format\" must be \"{StateFormat}\"");
        var known = _stores.Select(s => s.Name).Append("format").ToHashSet(StringComparer.Ordinal);
        var unknown = document.Select(p => p.Key).FirstOrDefault(key => !known.Contains(key));
        StateSchema.Require(unknown is null, "document", $"'{unknown}' is not part of the state; the parts are {string.Join(", ", known)}");
        var commits = _stores.Select(store => store.Load(document[store.Name])).ToList();
        foreach (var commit in commits)
        {
            commit();
        }
    }

    /// <summary>Hands one change from the state file's log to the store that made it.</summary>
    public void Replay(StateChange change) =>
        (_byName.GetValueOrDefault(change.Store) ?? throw new InvalidStateException($"'{change.Store}' is not part of the state")).Replay(change);

    public const string StateFormat = "mfa-emulator-state/1";
}
