using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace MfaEmulator.Zitadel;

/// <summary>
/// How ZITADEL's REST gateway writes and reads proto3 JSON (protojson with EmitUnpopulated off): 64-bit numbers
/// as strings, zero values left out, timestamps and durations in their canonical text forms.
/// </summary>
internal static partial class ProtoJson
{
    /// <summary>protojson's limit for google.protobuf.Duration: ±10,000 years in seconds.</summary>
    public const long MaxDurationSeconds = 315_576_000_000;

    /// <summary>A uint64 field (sequence, totalResult): a decimal string, or left out (null) when zero.</summary>
    public static string? Counter(ulong value) => value == 0 ? null : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// google.protobuf.Timestamp: RFC 3339 in UTC with 0, 3, 6 or 9 fraction digits, the fewest that hold the value
    /// (protobuf-go encoding/protojson). The emulator keeps microseconds, as ZITADEL's database does, so a typical
    /// value has 6 digits: <c>2025-05-14T08:13:42.918212Z</c>.
    /// </summary>
    public static string Timestamp(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var micros = utc.Ticks % TimeSpan.TicksPerSecond / 10;
        var fraction = micros == 0 ? ""
            : micros % 1000 == 0 ? string.Create(CultureInfo.InvariantCulture, $".{micros / 1000:D3}")
            : string.Create(CultureInfo.InvariantCulture, $".{micros:D6}");
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + fraction + "Z";
    }

    /// <summary>google.protobuf.Duration: seconds with 0, 3, 6 or 9 fraction digits and an <c>s</c> (<c>864000s</c>).</summary>
    public static string Duration(TimeSpan duration)
    {
        var sign = duration < TimeSpan.Zero ? "-" : "";
        // Durations come from ParseDuration, far inside TimeSpan's range, so the negation cannot overflow.
        var ticks = Math.Abs(duration.Ticks);
        var seconds = ticks / TimeSpan.TicksPerSecond;
        var nanos = ticks % TimeSpan.TicksPerSecond * 100;
        var fraction = nanos == 0 ? ""
            : nanos % 1_000_000 == 0 ? string.Create(CultureInfo.InvariantCulture, $".{nanos / 1_000_000:D3}")
            : nanos % 1000 == 0 ? string.Create(CultureInfo.InvariantCulture, $".{nanos / 1000:D6}")
            : string.Create(CultureInfo.InvariantCulture, $".{nanos:D9}");
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds}{fraction}s");
    }

    /// <summary>Reads a google.protobuf.Duration (<c>864000s</c>, <c>1.5s</c>, <c>-0.250s</c>); null when the text is not one.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        var match = DurationPattern().Match(text);
        if (!match.Success
            || !long.TryParse(match.Groups["seconds"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > MaxDurationSeconds)
        {
            return null;
        }
        var nanos = long.Parse(match.Groups["fraction"].Value.PadRight(9, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        var ticks = seconds * TimeSpan.TicksPerSecond + nanos / 100;
        return TimeSpan.FromTicks(match.Groups["minus"].Success ? -ticks : ticks);
    }

    /// <summary>
    /// protoc's JSON name for a proto field name: underscores dropped and the letter after each upper-cased
    /// (<c>allow_register</c> becomes <c>allowRegister</c>); a name without underscores is returned as it is.
    /// </summary>
    public static string JsonName(string protoName)
    {
        if (!protoName.Contains('_', StringComparison.Ordinal))
        {
            return protoName;
        }
        var builder = new StringBuilder(protoName.Length);
        var upperNext = false;
        foreach (var c in protoName)
        {
            if (c == '_')
            {
                upperNext = true;
                continue;
            }
            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }
        return builder.ToString();
    }

    [GeneratedRegex("^(?<minus>-)?(?<seconds>[0-9]+)(?:\\.(?<fraction>[0-9]{1,9}))?s$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}

/// <summary>A proto3 enum of the ZITADEL API: its value names, indexed by number (each enum used here is dense from 0).</summary>
internal sealed class ProtoEnum
{
    private readonly string[] _names;

    public ProtoEnum(params string[] names) => _names = names;

    public bool IsDefined(int number) => number >= 0 && number < _names.Length;

    /// <summary>protojson writes a defined value by name and any other as its number.</summary>
    public string NameOf(int number) => IsDefined(number) ? _names[number] : number.ToString(CultureInfo.InvariantCulture);

    public int? NumberOf(string name)
    {
        var index = Array.IndexOf(_names, name);
        return index < 0 ? null : (int?)index;
    }

    /// <summary>
    /// grpc-gateway's <c>runtime.Enum</c> for a path parameter: a value name, or a decimal int32 that is a defined
    /// value; null for anything else (the gateway's "type mismatch").
    /// </summary>
    public int? ParsePathValue(string value)
    {
        if (NumberOf(value) is { } byName)
        {
            return byName;
        }
        return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && IsDefined(number)
            ? number
            : (int?)null;
    }
}

/// <summary>
/// A proto3 enum field as the gateway's protojson decoder reads it: a value name or an int32 number. A missing
/// field or <c>null</c> is unset (0). An unknown name is dropped, because the gateway decodes with
/// <c>DiscardUnknown: true</c>, so it too reads as unset; a numeric string is only a name to protojson, so the same.
/// A number is kept even when no value has it, for the "defined enum values" rule (protobuf-go encoding/protojson
/// <c>unmarshalEnum</c>; zitadel internal/api/grpc/server/gateway.go).
/// </summary>
[JsonConverter(typeof(EnumFieldConverter))]
internal readonly record struct EnumField(string? Name, int? Number)
{
    public int Resolve(ProtoEnum type) => Number ?? (Name is null ? 0 : type.NumberOf(Name) ?? 0);
}

/// <summary>Reads <see cref="EnumField"/>; any other JSON type is a decode error (400), never a server error.</summary>
internal sealed class EnumFieldConverter : JsonConverter<EnumField>
{
    public override EnumField Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new EnumField(reader.GetString(), null);
        }
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt32(out var number))
            {
                return new EnumField(null, number);
            }
            // protojson takes an integral number in any notation (1.0, 1e0) when it fits an int32.
            if (reader.TryGetDouble(out var real) && Math.Floor(real) == real && real is >= int.MinValue and <= int.MaxValue)
            {
                return new EnumField(null, (int)real);
            }
        }
        throw new JsonException("invalid value for enum field");
    }

    public override void Write(Utf8JsonWriter writer, EnumField value, JsonSerializerOptions options)
    {
        if (value.Name is { } name)
        {
            writer.WriteStringValue(name);
        }
        else
        {
            writer.WriteNumberValue(value.Number ?? 0);
        }
    }
}
