using System.Security.Cryptography;
using OtpNet;

namespace MfaEmulator.Common.Totp;

/// <summary>
/// The secret as Otp.NET's key: BCL HMACs over the plain key bytes. Otp.NET's default <c>InMemoryKey</c> unmasks
/// the key and builds an HMAC object per code, which made a pair check five times slower
/// (bench/results/TotpBenchmarks-otpnet-inmemorykey.md); the seed is in the emulator's memory in clear anyway.
/// One keyed HMAC serves every code of one check (a rejected pair takes three): keying OpenSSL once instead of per
/// code took three codes from 3.4 to 2.0 µs. Not thread-safe: one per check, disposed after it.
/// </summary>
internal sealed class HmacKey(byte[] key) : IKeyProvider, IDisposable
{
    private IncrementalHash? _hmac;
    private OtpHashMode _mode;

    public byte[] ComputeHmac(OtpHashMode mode, byte[] data)
    {
        if (_hmac is null || _mode != mode)
        {
            _hmac?.Dispose();
            _hmac = IncrementalHash.CreateHMAC(AlgorithmOf(mode), key);
            _mode = mode;
        }
        _hmac.AppendData(data);
        return _hmac.GetHashAndReset();
    }

    public void Dispose() => _hmac?.Dispose();

    private static HashAlgorithmName AlgorithmOf(OtpHashMode mode) => mode switch
    {
        // RFC 4226/6238 and every authenticator app use HMAC-SHA1; not a choice we can make.
        OtpHashMode.Sha1 => HashAlgorithmName.SHA1,
        OtpHashMode.Sha256 => HashAlgorithmName.SHA256,
        OtpHashMode.Sha512 => HashAlgorithmName.SHA512,
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };
}
