using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MfaEmulator.Emulator;

/// <summary>A request body Swagger UI prefills for "Try it out" (the vendor page's own example where it has one).</summary>
internal sealed class RequestExample(object example)
{
    // Serialized when the document is first made, not when the route is mapped (it showed in the start-up trace).
    private readonly Lazy<JsonNode> _body = new(() => JsonSerializer.SerializeToNode(example)!);

    public JsonNode Body => _body.Value;
}

/// <summary>A path or query parameter's prefilled value (an id of the default identities, so the call works at once).</summary>
internal sealed record ParameterExample(string Name, string Value);

/// <summary>Marks one of the five operations the product emulates first, so they are easy to find in Swagger UI.</summary>
internal sealed record DocumentedOperation;

internal static class OpenApiExampleExtensions
{
    public const string DocumentedTag = "Start here: the five emulated operations";

    public static RouteHandlerBuilder WithRequestExample(this RouteHandlerBuilder builder, object example) =>
        builder.WithMetadata(new RequestExample(example));

    public static RouteHandlerBuilder WithParameterExample(this RouteHandlerBuilder builder, string name, string value) =>
        builder.WithMetadata(new ParameterExample(name, value));

    public static RouteHandlerBuilder AsDocumentedOperation(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new DocumentedOperation()).WithTags(DocumentedTag);
}

/// <summary>
/// Makes Swagger UI's "Try it out" work on the first click: request bodies are the object they are (not "null or
/// the object", which Swagger UI prefills as null), carry their examples, and their optional fields are not marked
/// required (the validators, not the schema, decide what a call must have); parameters carry their examples.
/// </summary>
internal sealed class RequestExamplesTransformer : IOpenApiOperationTransformer, IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (operation.RequestBody?.Content is { } content)
        {
            foreach (var media in content.Values)
            {
                if (media.Schema is OpenApiSchema { OneOf: { Count: 2 } oneOf } && oneOf.FirstOrDefault(s => s is OpenApiSchemaReference) is { } reference)
                {
                    media.Schema = reference;
                }
                if (metadata.OfType<RequestExample>().LastOrDefault() is { } example)
                {
                    media.Example = example.Body.DeepClone();
                }
            }
        }
        foreach (var example in metadata.OfType<ParameterExample>())
        {
            if (operation.Parameters?.FirstOrDefault(p => p.Name == example.Name) is OpenApiParameter parameter)
            {
                parameter.Example = JsonValue.Create(example.Value);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>No request body schema lists required fields: a missing one gets the vendor's own 400 instead.</summary>
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var requestSchemas = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in document.Paths?.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []) ?? [])
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            {
                Collect(media.Schema, document, requestSchemas);
            }
        }
        foreach (var name in requestSchemas)
        {
            if (document.Components?.Schemas?.TryGetValue(name, out var schema) == true && schema is OpenApiSchema concrete)
            {
                concrete.Required?.Clear();
            }
        }
        return Task.CompletedTask;
    }

    private static void Collect(IOpenApiSchema? schema, OpenApiDocument document, HashSet<string> names)
    {
        if (schema is OpenApiSchemaReference { Reference.Id: { } id })
        {
            if (!names.Add(id))
            {
                return;
            }
            schema = document.Components?.Schemas is { } schemas && schemas.TryGetValue(id, out var found) ? found : null;
        }
        if (schema is null)
        {
            return;
        }
        foreach (var child in (schema.Properties?.Values ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Append(schema.Items))
        {
            Collect(child, document, names);
        }
    }
}
