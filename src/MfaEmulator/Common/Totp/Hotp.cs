using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MfaEmulator.Common.Totp;

/// <summary>HOTP (RFC 4226): an HMAC over a big-endian counter, dynamically truncated to N decimal digits.</summary>
internal static class Hotp
{
    public static string Compute(ReadOnlySpan<byte> key, long counter, int digits = 6, OtpHash hash = OtpHash.Sha1)
    {
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        Span<byte> mac = stackalloc byte[64];
        var length = hash switch
        {
#pragma warning disable CA5350 // RFC 4226/6238 and every authenticator app use HMAC-SHA1; not a choice we can make.
            OtpHash.Sha1 => HMACSHA1.HashData(key, message, mac),
#pragma warning restore CA5350
            OtpHash.Sha256 => HMACSHA256.HashData(key, message, mac),
            OtpHash.Sha512 => HMACSHA512.HashData(key, message, mac),
            _ => throw new ArgumentOutOfRangeException(nameof(hash)),
        };
        var offset = mac[length - 1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(mac[offset..]) & 0x7fffffff;
        var code = binary % Pow10(digits);
        return code.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    private static int Pow10(int digits) => digits switch
    {
        >= 1 and <= 9 => (int)Math.Pow(10, digits),
        _ => throw new ArgumentOutOfRangeException(nameof(digits), "HOTP codes have 1 to 9 digits."),
    };
}

internal enum OtpHash
{
    Sha1,
    Sha256,
    Sha512,
}
