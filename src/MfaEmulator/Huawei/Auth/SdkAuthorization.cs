namespace MfaEmulator.Huawei.Auth;

/// <summary>The parsed <c>Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…</c> header.</summary>
internal sealed record SdkAuthorization(string AccessKey, IReadOnlyList<string> SignedHeaders, string Signature)
{
    public static SdkAuthorization? TryParse(string? header)
    {
        if (header is null || !header.StartsWith(SdkHmacSignature.Algorithm + " ", StringComparison.Ordinal))
        {
            return null;
        }
        var parts = header[(SdkHmacSignature.Algorithm.Length + 1)..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Access", out var access) || access.Length == 0
            || !parts.TryGetValue("SignedHeaders", out var signed) || signed.Length == 0
            || !parts.TryGetValue("Signature", out var signature) || signature.Length != 64 || !signature.All(char.IsAsciiHexDigit))
        {
            return null;
        }
        return new SdkAuthorization(access, signed.Split(';'), signature.ToLowerInvariant());
    }
}
