using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MfaEmulator.Common.Store;

/// <summary>A state document (or one store's part of it) that does not fit; the message says where and why.</summary>
internal sealed class InvalidStateException(string message) : Exception(message);

/// <summary>
/// Reads a store's part of a state document strictly, so that a document which would break a later call is
/// refused before anything is replaced: every constructor parameter present, no null where the type says
/// non-null (in lists and maps too), no duplicate keys.
/// </summary>
internal static class StateSchema
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowDuplicateProperties = false,
    };

    public static T Read<T>(JsonNode? node, string store) where T : class => Checked(() => node.Deserialize<T>(Strict), store);

    public static T Read<T>(JsonElement element, string store) where T : class => Checked(() => element.Deserialize<T>(Strict), store);

    private static T Checked<T>(Func<T?> deserialize, string store) where T : class
    {
        T? value;
        try
        {
            value = deserialize();
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new InvalidStateException($"'{store}' does not fit: {e.Message}");
        }
        if (value is null)
        {
            throw new InvalidStateException($"'{store}' is null");
        }
        CheckElements(value, store);
        return value;
    }

    /// <summary>Throws unless <paramref name="holds"/>; for the invariants a store adds to the schema.</summary>
    public static void Require(bool holds, string store, string what)
    {
        if (!holds)
        {
            throw new InvalidStateException($"'{store}' does not fit: {what}");
        }
    }

    /// <summary>The items by their key; two items with one key do not fit.</summary>
    public static Dictionary<string, T> Index<T>(IEnumerable<T> items, Func<T, string> key, string store, string what)
    {
        var index = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            Require(index.TryAdd(key(item), item), store, $"{what} {key(item)} appears twice");
        }
        return index;
    }

    /// <summary>What System.Text.Json does not check: null items of lists and maps, inside records of this app.</summary>
    private static void CheckElements(object value, string path)
    {
        if (value is IDictionary map)
        {
            foreach (DictionaryEntry entry in map)
            {
                CheckItem(entry.Value, $"{path}.{entry.Key}");
            }
            return;
        }
        if (value is IEnumerable items and not string)
        {
            var index = 0;
            foreach (var item in items)
            {
                CheckItem(item, $"{path}[{index++}]");
            }
            return;
        }
        if (value.GetType().Assembly != typeof(StateSchema).Assembly)
        {
            return;
        }
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.GetValue(value) is { } child && !child.GetType().IsPrimitive)
            {
                CheckElements(child, $"{path}.{property.Name}");
            }
        }
    }

    private static void CheckItem(object? item, string path)
    {
        if (item is null)
        {
            throw new InvalidStateException($"'{path}' is null");
        }
        CheckElements(item, path);
    }
}
