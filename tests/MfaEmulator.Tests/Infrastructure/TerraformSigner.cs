using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MfaEmulator.Tests.Infrastructure;

/// <summary>
/// Builds requests the way the Huawei Terraform provider's Go library (chnsz/golangsdk) sends them, independently of
/// the emulator's verifier: the body as json.Encoder writes it (with a trailing newline), Content-Type exactly
/// application/json, every header present at signing time signed (accept, content-type, user-agent, x-sdk-date) but
/// not host, X-Domain-Id / X-Project-Id added after signing (unsigned), and the query rewritten to its canonical,
/// sorted, escaped form, which is what goes on the wire (provider_client.go, auth/core/signer/signer.go).
/// </summary>
internal static class TerraformSigner
{
    private const string UserAgent = "terraform-provider-iac golangsdk/2.0.0";

    public static HttpRequestMessage SignedLikeTerraform(
        HttpMethod method, string path, IReadOnlyList<(string Key, string Value)> query, object? body, TestUser caller,
        string? domainId = null, string? projectId = null, DateTimeOffset? at = null)
    {
        var date = (at ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var canonicalQuery = string.Join('&', query
            .OrderBy(q => q.Key, StringComparer.Ordinal).ThenBy(q => q.Value, StringComparer.Ordinal)
            .Select(q => $"{Escape(q.Key)}={Escape(q.Value)}"));
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body) + "\n");
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["accept"] = "application/json",
            ["user-agent"] = UserAgent,
            ["x-sdk-date"] = date,
        };
        if (body is not null)
        {
            headers["content-type"] = "application/json";
        }
        var canonicalUri = string.Join('/', path.Split('/').Select(Escape));
        canonicalUri = canonicalUri.EndsWith('/') ? canonicalUri : canonicalUri + "/";
        var canonical = string.Join('\n',
            method.Method, canonicalUri, canonicalQuery,
            string.Concat(headers.Select(h => $"{h.Key}:{h.Value}\n")),
            string.Join(';', headers.Keys),
            Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var toSign = $"SDK-HMAC-SHA256\n{date}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(caller.SecretKey), Encoding.UTF8.GetBytes(toSign)));

        var request = new HttpRequestMessage(method, canonicalQuery.Length == 0 ? path : $"{path}?{canonicalQuery}");
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.TryAddWithoutValidation("X-Sdk-Date", date);
        request.Headers.TryAddWithoutValidation("Authorization", $"SDK-HMAC-SHA256 Access={caller.AccessKey}, SignedHeaders={string.Join(';', headers.Keys)}, Signature={signature}");
        if (domainId is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Domain-Id", domainId);
        }
        if (projectId is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Project-Id", projectId);
        }
        return request;
    }

    /// <summary>golangsdk's escape(): all but A-Z a-z 0-9 _ - ~ . as %XX with upper-case hex.</summary>
    private static string Escape(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '~' or '.' ? c.ToString() : $"%{b:X2}");
        }
        return builder.ToString();
    }
}
