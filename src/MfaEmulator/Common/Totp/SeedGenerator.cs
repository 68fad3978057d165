using MfaEmulator.Common.Randomness;

namespace MfaEmulator.Common.Totp;

/// <summary>Makes TOTP seeds: 160-bit secrets (RFC 4226 §4 recommends 160) shown as base32.</summary>
internal static class SeedGenerator
{
    public const int SecretBytes = 20;

    public static byte[] NewSecret(IRandomSource random)
    {
        var secret = new byte[SecretBytes];
        random.Fill(secret);
        return secret;
    }
}
