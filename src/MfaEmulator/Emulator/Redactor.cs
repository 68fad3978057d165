using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MfaEmulator.Emulator;

/// <summary>
/// Takes secrets out of what the journal keeps: tokens, signatures, secret keys, passwords, TOTP seeds and
/// codes, in headers, query strings and JSON bodies. A body that is not JSON is not kept at all.
/// </summary>
internal static partial class Redactor
{
    public const string Mask = "***";

    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "X-Auth-Token", "X-Subject-Token", "X-Security-Token", "X-Emulator-Key", "Cookie", "Set-Cookie", "Proxy-Authorization",
    };

    [GeneratedRegex("password|passcode|secret|seed|token|authentication_code|private|credential", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex("(Signature=)[^,\\s]+", RegexOptions.IgnoreCase)]
    private static partial Regex Signature();

    public static bool IsSecretName(string name) => SecretName().IsMatch(name);

    public static string Header(string name, string value)
    {
        if (SecretHeaders.Contains(name))
        {
            return Mask;
        }
        if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
        {
            // Keep the scheme and the access key (they say who called); drop bearer tokens and signatures.
            return value.StartsWith("SDK-HMAC-SHA256", StringComparison.Ordinal)
                ? Signature().Replace(value, "$1" + Mask)
                : value.Split(' ', 2)[0] + " " + Mask;
        }
        return value;
    }

    public static string? Body(string? contentType, byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }
        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return $"[{body.Length} bytes of {contentType ?? "unknown content"} not kept]";
        }
        try
        {
            var node = JsonNode.Parse(body);
            return node is null ? "null" : Json(node).ToJsonString();
        }
        catch (JsonException)
        {
            return $"[{body.Length} bytes of malformed JSON not kept]";
        }
    }

    private static JsonNode Json(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    obj[name] = IsSecretName(name) && value is not JsonObject and not JsonArray ? Mask : value is null ? null : Json(value.DeepClone());
                }
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = array[i] is { } item ? Json(item.DeepClone()) : null;
                }
                return array;
            default:
                return node;
        }
    }
}
