using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace MfaEmulator.Common.Json;

/// <summary>
/// Writes a JSON answer in one piece: serialized synchronously into a buffer kept by the thread, then copied to the
/// response with its <c>Content-Length</c>.
/// </summary>
/// <remarks>
/// ASP.NET's <c>WriteAsJsonAsync</c> (which <c>TypedResults.Ok</c> and <c>Created</c> use) serializes asynchronously
/// into the response and so sends every answer chunked, and it never uses the serializers that System.Text.Json
/// generates for our contracts: it takes them only when the options carry no <c>Encoder</c>
/// (<c>JsonSerializerContext.IsCompatibleWithOptions</c>), and ASP.NET's options carry the relaxed one, which
/// keeps quotes in messages unescaped. Here the generated serializer writes through a writer that carries the same
/// encoder, so the bytes do not change (JsonAnswerTests compares both for every answer type).
/// </remarks>
internal static class JsonAnswer
{
    public const string JsonUtf8 = "application/json; charset=utf-8";

    /// <summary>Buffers above this size are not kept for the thread's next answer.</summary>
    private const int KeepAtMost = 64 * 1024;

    [ThreadStatic]
    private static Scratch? _threadScratch;

    public static Task WriteAsync<T>(HttpContext context, int status, T value, string contentType = JsonUtf8)
    {
        if (value is null)
        {
            // As ASP.NET's Ok<T> and Created<T> answer a null value: the status, no body (HttpResultsHelper).
            context.Response.StatusCode = status;
            context.Response.ContentLength = 0;
            return Task.CompletedTask;
        }
        var options = OptionsOf(context);
        var info = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        if (!typeof(T).IsValueType && value.GetType() != typeof(T) && info.PolymorphismOptions is null)
        {
            // Written as what it is, as ASP.NET does for a value whose type is derived from the declared one.
            return WriteAsync(context, status, (object)value, contentType);
        }
        var scratch = ScratchFor(options);
        try
        {
            if (info.SerializeHandler is { } generated && GeneratedWritesAlike(info))
            {
                generated(scratch.Writer, value);
            }
            else
            {
                JsonSerializer.Serialize(scratch.Writer, value, info);
            }
            return Send(context, status, scratch, contentType);
        }
        finally
        {
            scratch.Clear();
        }
    }

    /// <summary>Writes a value by its runtime type (error envelopes, whose type each API family chooses).</summary>
    public static Task WriteAsync(HttpContext context, int status, object value, string contentType = JsonUtf8)
    {
        var options = OptionsOf(context);
        var scratch = ScratchFor(options);
        try
        {
            JsonSerializer.Serialize(scratch.Writer, value, options.GetTypeInfo(value.GetType()));
            return Send(context, status, scratch, contentType);
        }
        finally
        {
            scratch.Clear();
        }
    }

    /// <summary>
    /// Whether the generated serializer writes what the metadata would: the conditions System.Text.Json itself checks
    /// before it uses one (<c>JsonSerializerContext.IsCompatibleWithOptions</c>), less the encoder, which is the writer's.
    /// </summary>
    internal static bool GeneratedWritesAlike(JsonTypeInfo info)
    {
        if (info.OriginatingResolver is not JsonSerializerContext { Options: var generated })
        {
            return false;
        }
        var options = info.Options;
        return options.Converters.Count == 0
            && (options.NumberHandling & (JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowNamedFloatingPointLiterals)) == 0
            && options.ReferenceHandler is null
            && options.DefaultIgnoreCondition == generated.DefaultIgnoreCondition
            && options.IgnoreReadOnlyFields == generated.IgnoreReadOnlyFields
            && options.IgnoreReadOnlyProperties == generated.IgnoreReadOnlyProperties
            && options.IncludeFields == generated.IncludeFields
            && options.PropertyNamingPolicy == generated.PropertyNamingPolicy
            && options.DictionaryKeyPolicy is null;
    }

    /// <summary>What the answer declares to OpenAPI: the metadata ASP.NET's <c>Ok&lt;T&gt;</c> and <c>Created&lt;T&gt;</c> add.</summary>
    public static ProducesResponseTypeMetadata Produces<T>(int status) => new(status, typeof(T), ["application/json"]);

    private static JsonSerializerOptions OptionsOf(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    private static Task Send(HttpContext context, int status, Scratch scratch, string contentType)
    {
        scratch.Writer.Flush();
        var json = scratch.Buffer.WrittenSpan;
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = json.Length;
        response.BodyWriter.Write(json);
        var flush = response.BodyWriter.FlushAsync(context.RequestAborted);
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }

    private static Scratch ScratchFor(JsonSerializerOptions options)
    {
        var scratch = _threadScratch;
        if (scratch is null || !ReferenceEquals(scratch.Options, options))
        {
            _threadScratch = scratch = new Scratch(options);
        }
        return scratch;
    }

    /// <summary>A thread's buffer and writer, made for one options instance (its encoder and indentation).</summary>
    private sealed class Scratch
    {
        public Scratch(JsonSerializerOptions options)
        {
            Options = options;
            Buffer = new ArrayBufferWriter<byte>(1024);
            // What JsonSerializer gives its own writers (JsonSerializerOptions.GetWriterOptions).
            Writer = new Utf8JsonWriter(Buffer, new JsonWriterOptions
            {
                Encoder = options.Encoder,
                Indented = options.WriteIndented,
                IndentCharacter = options.IndentCharacter,
                IndentSize = options.IndentSize,
                NewLine = options.NewLine,
                MaxDepth = options.MaxDepth,
                SkipValidation = true,
            });
        }

        public JsonSerializerOptions Options { get; }

        public ArrayBufferWriter<byte> Buffer { get; private set; }

        public Utf8JsonWriter Writer { get; }

        public void Clear()
        {
            if (Buffer.Capacity > KeepAtMost)
            {
                Buffer = new ArrayBufferWriter<byte>(1024);
            }
            else
            {
                Buffer.ResetWrittenCount();
            }
            Writer.Reset(Buffer);
        }
    }
}
