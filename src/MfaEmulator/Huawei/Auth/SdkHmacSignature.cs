using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MfaEmulator.Huawei.Auth;

/// <summary>
/// Huawei Cloud's AK/SK request signature, <c>SDK-HMAC-SHA256</c>, as the official SDKs compute it
/// (API Signing Guide; huaweicloud-sdk-go-v3 core/auth/signer/signer.go): HMAC-SHA256 with the SK over
/// "SDK-HMAC-SHA256\n{X-Sdk-Date}\n{hex sha256(canonical request)}".
/// </summary>
internal static class SdkHmacSignature
{
    public const string Algorithm = "SDK-HMAC-SHA256";
    public const string DateHeader = "X-Sdk-Date";
    public const string ContentSha256Header = "X-Sdk-Content-Sha256";

    /// <summary>What the SDKs put in <see cref="ContentSha256Header"/> (and the canonical request) for a body they do not hash.</summary>
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    public static string Compute(SignedRequest request, string secretKey)
    {
        var canonical = CanonicalRequest(request);
        var stringToSign = $"{Algorithm}\n{request.SdkDate}\n{HexSha256(Encoding.UTF8.GetBytes(canonical))}";
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(stringToSign)));
    }

    public static string CanonicalRequest(SignedRequest request)
    {
        var headers = request.SignedHeaders
            .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        return string.Join('\n',
            request.Method.ToUpperInvariant(),
            CanonicalUri(request.Path),
            CanonicalQuery(request.Query),
            string.Concat(headers.Select(h => $"{h.Name}:{h.Value}\n")),
            string.Join(';', headers.Select(h => h.Name)),
            request.BodySha256Hex);
    }

    public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static bool TryParseDate(string? value, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);

    private static string CanonicalUri(string path)
    {
        var encoded = string.Join('/', path.Split('/').Select(Escape));
        return encoded.EndsWith('/') ? encoded : encoded + "/";
    }

    private static string CanonicalQuery(IEnumerable<KeyValuePair<string, string[]>> query) =>
        string.Join('&', query
            .OrderBy(q => q.Key, StringComparer.Ordinal)
            .SelectMany(q => q.Value.Order(StringComparer.Ordinal).Select(v => $"{Escape(q.Key)}={Escape(v)}")));

    /// <summary>Percent-encodes all but RFC 3986's unreserved characters, upper-case hex, space as %20.</summary>
    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }
}

/// <summary>What a signature covers, taken from the request as it arrived on the wire.</summary>
internal sealed record SignedRequest(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string[]>> Query,
    IReadOnlyList<(string Name, string Value)> SignedHeaders,
    string BodySha256Hex,
    string SdkDate);
