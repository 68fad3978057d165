using OtpNet;

namespace MfaEmulator.Common.Totp;

/// <summary>
/// RFC 4648 base32 as authenticator apps take a seed: Otp.NET's codec, written without padding and read
/// leniently (any case, padding and spaces ignored); null for any other character.
/// </summary>
internal static class Base32
{
    public static string Encode(byte[] data) => data.Length == 0 ? "" : Base32Encoding.ToString(data).TrimEnd('=');

    public static byte[]? Decode(string text)
    {
        var compact = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=');
        if (compact.Length == 0)
        {
            return [];
        }
        try
        {
            return Base32Encoding.ToBytes(compact);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
