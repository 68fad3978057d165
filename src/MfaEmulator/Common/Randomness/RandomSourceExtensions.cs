namespace MfaEmulator.Common.Randomness;

internal static class RandomSourceExtensions
{
    /// <summary>Lower-case hex, the shape of Huawei ids (32 chars for users, domains, projects, request ids).</summary>
    public static string NewHex(this IRandomSource random, int length)
    {
        Span<byte> bytes = stackalloc byte[(length + 1) / 2];
        random.Fill(bytes);
        return Convert.ToHexStringLower(bytes)[..length];
    }

    /// <summary>A decimal id of exactly <paramref name="digits"/> digits with no leading zero (ZITADEL's 18-digit ids).</summary>
    public static string NewDecimal(this IRandomSource random, int digits)
    {
        Span<byte> bytes = stackalloc byte[digits];
        random.Fill(bytes);
        var chars = new char[digits];
        for (var i = 0; i < digits; i++)
        {
            chars[i] = (char)('0' + (bytes[i] % 10));
        }
        if (chars[0] == '0')
        {
            chars[0] = '1';
        }
        return new string(chars);
    }

    /// <summary>URL-safe random text for bearer tokens and secret keys.</summary>
    public static string NewToken(this IRandomSource random, int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        random.Fill(buffer);
        return Convert.ToBase64String(buffer).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
