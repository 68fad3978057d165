using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MfaEmulator.Huawei.Accounts;

/// <summary>
/// Tokens that carry their own fields under an HMAC of the store's key, as IAM's PKI tokens carry theirs signed (the
/// "MII" of their DER shows in every real token): the store keeps none of them, where a kept token cost ~300 bytes,
/// ~290 MiB at 1,000,000 accounts (bench/results/scale.md). Only tokens whose value a seed or control call fixes are
/// kept. A token names its user's <see cref="HuaweiUser.TokenStamp"/>, so a user made again under the same id does
/// not inherit the old user's tokens.
/// </summary>
internal sealed class TokenSeal
{
    public const string Prefix = "MII";
    public const int KeySize = 32;
    private const byte Version = 1;
    private const int TagSize = 16;
    private const int AuditIdSize = 8;

    // version, audit id, user stamp, issued, expires, MFA time (0: none), method count
    private const int FixedSize = 1 + AuditIdSize + (4 * sizeof(long)) + 1;

    /// <summary>A ~200-character token is the longest a sign-in makes; this only bounds what is decoded.</summary>
    private const int MaxLength = 4096;

    [ThreadStatic]
    private static (TokenSeal Owner, HMACSHA256 Mac)? _threadMac;

    private readonly byte[] _key;

    public TokenSeal(byte[] key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"A token key is {KeySize} bytes.", nameof(key));
        }
        _key = key;
    }

    public string KeyText => Convert.ToBase64String(_key);

    public string Seal(IssuedToken token, long userStamp, ReadOnlySpan<byte> auditId)
    {
        var strings = new List<string?>(token.Methods) { token.UserId, token.ProjectId, token.ProjectName };
        var size = FixedSize + strings.Sum(s => sizeof(ushort) + (s is null ? 0 : Encoding.UTF8.GetByteCount(s)));
        var sealedBytes = new byte[size + TagSize];
        var at = 0;
        sealedBytes[at++] = Version;
        auditId[..AuditIdSize].CopyTo(sealedBytes.AsSpan(at));
        at += AuditIdSize;
        foreach (var value in (long[])[userStamp, token.IssuedAt.UtcTicks, token.ExpiresAt.UtcTicks, token.MfaAuthnAt?.UtcTicks ?? 0])
        {
            BinaryPrimitives.WriteInt64LittleEndian(sealedBytes.AsSpan(at), value);
            at += sizeof(long);
        }
        sealedBytes[at++] = checked((byte)token.Methods.Count);
        foreach (var value in strings)
        {
            // Length + 1, so 0 stands for null (a token without a project).
            var length = value is null ? 0 : Encoding.UTF8.GetBytes(value, sealedBytes.AsSpan(at + sizeof(ushort)));
            BinaryPrimitives.WriteUInt16LittleEndian(sealedBytes.AsSpan(at), checked((ushort)(value is null ? 0 : length + 1)));
            at += sizeof(ushort) + length;
        }
        Tag(sealedBytes.AsSpan(0, size), sealedBytes.AsSpan(size));
        return Prefix + Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The token <paramref name="value"/> carries, with its user's stamp; null when it is not one this key sealed.</summary>
    public (IssuedToken Token, long UserStamp)? Open(string value)
    {
        if (!value.StartsWith(Prefix, StringComparison.Ordinal) || value.Length > MaxLength)
        {
            return null;
        }
        var encoded = value.AsSpan(Prefix.Length);
        var bytes = new byte[Base64Url.GetMaxDecodedLength(encoded.Length)];
        if (Base64Url.DecodeFromChars(encoded, bytes, out var consumed, out var written) != System.Buffers.OperationStatus.Done
            || consumed != encoded.Length || written < FixedSize + TagSize)
        {
            return null;
        }
        var payload = bytes.AsSpan(0, written - TagSize);
        Span<byte> tag = stackalloc byte[TagSize];
        Tag(payload, tag);
        if (!CryptographicOperations.FixedTimeEquals(tag, bytes.AsSpan(payload.Length, TagSize)) || payload[0] != Version)
        {
            return null;
        }
        var reader = new Reader(payload[(1 + AuditIdSize)..]);
        var (stamp, issued, expires, mfa) = (reader.Long(), reader.Long(), reader.Long(), reader.Long());
        var methods = new string[reader.Byte()];
        for (var i = 0; i < methods.Length; i++)
        {
            methods[i] = reader.String()!;
        }
        var (userId, projectId, projectName) = (reader.String()!, reader.String(), reader.String());
        var token = new IssuedToken(
            value, userId, methods, Utc(issued), Utc(expires), mfa == 0 ? null : Utc(mfa), projectId, projectName);
        return (token, stamp);
    }

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    private void Tag(ReadOnlySpan<byte> payload, Span<byte> tag)
    {
        // One HMAC a thread: creating one per call doubles the ~0.6 µs a check costs.
        if (_threadMac is not { } cached || cached.Owner != this)
        {
            cached = (this, new HMACSHA256(_key));
            _threadMac?.Mac.Dispose();
            _threadMac = cached;
        }
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        cached.Mac.TryComputeHash(payload, full, out _);
        full[..TagSize].CopyTo(tag);
    }

    /// <summary>Reads what <see cref="Seal"/> wrote; the tag was checked first, so the layout is the one written.</summary>
    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> _rest = bytes;

        public byte Byte()
        {
            var value = _rest[0];
            _rest = _rest[1..];
            return value;
        }

        public long Long()
        {
            var value = BinaryPrimitives.ReadInt64LittleEndian(_rest);
            _rest = _rest[sizeof(long)..];
            return value;
        }

        public string? String()
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(_rest);
            _rest = _rest[sizeof(ushort)..];
            if (length == 0)
            {
                return null;
            }
            var value = Encoding.UTF8.GetString(_rest[..(length - 1)]);
            _rest = _rest[(length - 1)..];
            return value;
        }
    }
}
