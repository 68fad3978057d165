using System.Buffers;
using System.Text.Json;
using MfaEmulator.Common.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace MfaEmulator.Emulator;

/// <summary>
/// The request body as it arrived, read once and bounded: the credential check hashes these bytes, the journal
/// records them, and the handler's binder reads them again from memory.
/// </summary>
internal sealed class ReceivedBody(byte[] bytes, bool isJson)
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    public bool IsJson { get; } = isJson;

    public static ReceivedBody? Of(HttpContext context) => context.Features.Get<ReceivedBody>();
}

/// <summary>
/// One decoding path for every body, before any handler, journal entry or state change: the size limit (the
/// endpoint's own, or <c>--max-body-bytes</c>), the JSON charset (absent means UTF-8; <c>utf-8</c> and Huawei's
/// documented <c>utf8</c> are accepted in any case, quoted or not; any other is 415), and then, after the
/// credential check, strict JSON: no duplicate keys, no lone surrogates, bounded depth.
/// </summary>
internal static class RequestBody
{
    public const int MaxDepth = 64;
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = MaxDepth };

    /// <summary>
    /// Before routing (which matches an endpoint by the media types it accepts): a family that reads every body as
    /// JSON gets a JSON content type on any request with a body that declares another, or none.
    /// </summary>
    public static IApplicationBuilder UseFamilyMediaTypes(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var request = context.Request;
        if (request.ContentLength != 0
            && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true
            && !IsJson(request.ContentType, out _)
            && ApiFamilies.For(context).ReadsAnyBodyAsJson)
        {
            request.ContentType = "application/json";
        }
        return next(context);
    });

    /// <summary>Reads the body (after routing, so an endpoint's own size limit applies) and fixes its charset.</summary>
    public static IApplicationBuilder UseReceivedBody(this IApplicationBuilder app, EmulatorOptions options) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true || GrpcTransport.IsGrpcCall(context))
        {
            await next(context);
            return;
        }
        var family = ApiFamilies.For(context);
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? options.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            await family.WriteAsync(context, family.BodyTooLarge(limit));
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }
        var isJson = IsJson(request.ContentType, out var charset);
        if (isJson && charset is not null)
        {
            if (!IsUtf8(charset))
            {
                await family.WriteAsync(context, family.MalformedBody(null,
                    $"the body's charset '{charset}' is not supported: send JSON in UTF-8 (charset=utf-8, or no charset)") with
                { Status = StatusCodes.Status415UnsupportedMediaType });
                return;
            }
            // The binder knows UTF-8 by its canonical name only; the bytes are UTF-8 either way.
            request.ContentType = "application/json";
        }
        var bytes = request.ContentLength is { } length && length <= int.MaxValue
            ? await ReadKnownLengthAsync(request.Body, (int)length, context.RequestAborted)
            : await ReadAsync(request.Body, limit, context.RequestAborted);
        if (bytes is null)
        {
            await family.WriteAsync(context, family.BodyTooLarge(limit));
            return;
        }
        context.Features.Set(new ReceivedBody(bytes, isJson));
        // The binder reads this stream (UseStreamBasedJsonParsing); Kestrel would wrap a pipe around it only if asked.
        request.Body = new MemoryStream(bytes, writable: false);
        await next(context);
    });

    /// <summary>After the credential check (as at the gateways): a JSON body must be strict JSON, or the family's 400.</summary>
    public static IApplicationBuilder UseStrictJson(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (ReceivedBody.Of(context) is { IsJson: true, Bytes.Length: > 0 } body && Problem(body.Bytes) is { } problem)
        {
            var family = ApiFamilies.For(context);
            await family.WriteAsync(context, family.MalformedBody(null, problem));
            return;
        }
        await next(context);
    });

    /// <summary>Null for strict JSON; otherwise what is wrong, in words a client can act on.</summary>
    public static string? Problem(ReadOnlyMemory<byte> json) => IsPlainlyStrict(json.Span) ? null : FullProblem(json);

    /// <summary>
    /// One pass of the reader, allocating nothing, for what nearly every body is: well-formed, within the depth, no
    /// escape anywhere (an escaped name may repeat another; an escaped string may hold a lone surrogate) and no name
    /// twice among its object's first <see cref="PlainNames"/> names. True only when that is certain; anything else
    /// goes to <see cref="FullProblem"/>, which finds (and words) what is wrong. Under wrk the full check's
    /// <c>JsonDocument</c> and its duplicate walk were ~2 % of a request's CPU and ~4 % of what it allocated.
    /// </summary>
    public static bool IsPlainlyStrict(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf((byte)'\\') >= 0)
        {
            return false;
        }
        Span<Range> names = stackalloc Range[PlainNames];
        Span<int> objectStarts = stackalloc int[MaxDepth + 1];
        var nameCount = 0;
        var objects = 0;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        objectStarts[objects++] = nameCount;
                        break;
                    case JsonTokenType.EndObject:
                        nameCount = objectStarts[--objects];
                        break;
                    case JsonTokenType.PropertyName:
                        if (nameCount == PlainNames)
                        {
                            return false;
                        }
                        var name = reader.ValueSpan;
                        for (var i = objectStarts[objects - 1]; i < nameCount; i++)
                        {
                            if (json[names[i]].SequenceEqual(name))
                            {
                                return false;
                            }
                        }
                        var start = (int)reader.TokenStartIndex + 1;
                        names[nameCount++] = new Range(start, start + name.Length);
                        break;
                }
            }
            // The reader throws on anything but whitespace after the value; no value at all is for the full check to word.
            return reader.TokenType != JsonTokenType.None;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private const int PlainNames = 32;

    /// <summary>The whole check: a parse that refuses duplicate names, then (when escapes appear) every string decoded.</summary>
    public static string? FullProblem(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, Strict);
            // A lone surrogate can only arrive escaped (raw bytes that are not UTF-8 fail the parse), so most bodies need no walk.
            if (json.Span.IndexOf("\\u"u8) >= 0)
            {
                ReadEveryString(document.RootElement);
            }
            return null;
        }
        catch (JsonException e) when (e.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return $"the body is not valid JSON: a property appears twice in one object{Where(e)}";
        }
        catch (JsonException e) when (e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            return $"the body is not valid JSON: it nests deeper than {MaxDepth} levels";
        }
        catch (JsonException e)
        {
            return $"the body is not valid JSON{Where(e)}";
        }
        catch (InvalidOperationException)
        {
            return "the body is not valid JSON: a string holds an escaped lone surrogate (\\ud800-\\udfff without its pair)";
        }
    }

    /// <summary>Every property name and string value decoded once, which is where an unpaired surrogate escape fails.</summary>
    private static void ReadEveryString(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    ReadEveryString(property.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    ReadEveryString(item);
                }
                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }

    private static string Where(JsonException e) =>
        e.LineNumber is { } line && e.BytePositionInLine is { } position ? $" (line {line + 1}, byte {position + 1})" : "";

    private static bool IsJson(string? contentType, out string? charset)
    {
        charset = null;
        if (string.Equals(contentType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            // What nearly every client sends: no need to parse it (twice per request).
            return true;
        }
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }
        var subtype = media.SubTypeWithoutSuffix.Value ?? "";
        var isJson = media.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
            && (subtype.Equals("json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
        if (isJson && media.Charset.HasValue)
        {
            charset = HeaderUtilities.RemoveQuotes(media.Charset).Value ?? "";
        }
        return isJson;
    }

    private static bool IsUtf8(string charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    /// <summary>A body of a declared length (already checked against the limit; the server ends a shorter one with a 400).</summary>
    private static async ValueTask<byte[]> ReadKnownLengthAsync(Stream body, int length, CancellationToken cancel)
    {
        var bytes = new byte[length];
        var filled = 0;
        int read;
        while (filled < length && (read = await body.ReadAsync(bytes.AsMemory(filled), cancel)) > 0)
        {
            filled += read;
        }
        return filled == length ? bytes : bytes[..filled];
    }

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadAsync(Stream body, long limit, CancellationToken cancel)
    {
        using var copy = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancel)) > 0)
            {
                if (copy.Length + read > limit)
                {
                    return null;
                }
                copy.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return copy.ToArray();
    }
}
