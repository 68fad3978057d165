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
        "Cookie", "Set-Cookie", "Proxy-Authorization",
    };

    [GeneratedRegex("password|passwd|passcode|secret|seed|token|authentication_code|private|credential|api[-_]?key|access[-_]?key|signature|session", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    /// <summary>Header names that carry a secret whatever else they say: X-Auth-Token, X-Api-Key, X-Emulator-Key, …</summary>
    [GeneratedRegex("token|key|secret|password|signature|session|credential", RegexOptions.IgnoreCase)]
    private static partial Regex SecretHeaderName();

    [GeneratedRegex("(Signature=)[^,\\s]+", RegexOptions.IgnoreCase)]
    private static partial Regex Signature();

    public static bool IsSecretName(string name) => SecretName().IsMatch(name);

    public static string Header(string name, string value)
    {
        if (SecretHeaders.Contains(name) || SecretHeaderName().IsMatch(name))
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

    /// <summary>
    /// The body as the journal keeps it: JSON with every secret masked, cut to <paramref name="maxBytes"/> (and marked
    /// so); anything else only described. Never throws: the body middleware has already refused what is not JSON.
    /// </summary>
    public static string? Body(string? contentType, ReadOnlyMemory<byte> body, int maxBytes)
    {
        if (body.Length == 0)
        {
            return null;
        }
        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return $"[{body.Length} bytes of {contentType ?? "unknown content"} not kept]";
        }
        string text;
        try
        {
            var node = JsonNode.Parse(body.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
            text = node is null ? "null" : Json(node).ToJsonString();
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return $"[{body.Length} bytes of malformed JSON not kept]";
        }
        return text.Length <= maxBytes ? text : $"{text[..maxBytes]}…[truncated: {text.Length} characters in all]";
    }

    private static JsonNode Json(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    obj[name] = IsSecretName(name) ? Mask : value is null ? null : Json(value.DeepClone());
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
