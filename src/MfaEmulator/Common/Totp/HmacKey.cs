using System.Security.Cryptography;
using OtpNet;

namespace MfaEmulator.Common.Totp;

/// <summary>
/// The secret as Otp.NET's key: one-shot BCL HMACs over the plain key bytes. Otp.NET's default
/// <c>InMemoryKey</c> unmasks the key and builds an HMAC object per code, which made a pair check five times slower
/// (bench/results/TotpBenchmarks-otpnet-inmemorykey.md); the seed is in the emulator's memory in clear anyway.
/// </summary>
internal sealed class HmacKey(byte[] key) : IKeyProvider
{
    public byte[] ComputeHmac(OtpHashMode mode, byte[] data) => mode switch
    {
#pragma warning disable CA5350 // RFC 4226/6238 and every authenticator app use HMAC-SHA1; not a choice we can make.
        OtpHashMode.Sha1 => HMACSHA1.HashData(key, data),
#pragma warning restore CA5350
        OtpHashMode.Sha256 => HMACSHA256.HashData(key, data),
        OtpHashMode.Sha512 => HMACSHA512.HashData(key, data),
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };
}
