using System.Text.Json;
using System.Text.Json.Serialization;

namespace MfaEmulator.Common.Totp;

/// <summary>
/// A TOTP secret kept as its bytes and written as the base32 text the APIs and state files show: 48 bytes a secret in
/// memory instead of an 88-byte string, and no decoding on every code check.
/// </summary>
internal sealed class Base32SecretConverter : JsonConverter<byte[]>
{
    public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { } text && Base32.Decode(text) is { Length: > 0 } secret
            ? secret
            : throw new JsonException("a TOTP seed must be non-empty base32 text");

    public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Base32.Encode(value));
}
