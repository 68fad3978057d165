using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MfaEmulator.Emulator;

/// <summary>
/// A call Swagger UI makes before the operation (e.g. create the example's device); its answer is not checked. The body
/// is serialized with the document, not at start-up, where it was the first reflection-based JSON use (~15 ms).
/// </summary>
internal sealed record TryItOutCall(string Method, string Path, object Body);

/// <summary>
/// What Swagger UI does so that an operation whose body must carry live values (TOTP codes) answers 2xx when sent
/// with its example unchanged: the calls to make first, a control route (with <c>{field}</c> taken from the body)
/// whose answer fills the body's fields, and the example values that mark the body as unchanged. Served as the
/// operation's <c>x-emulator-try-it-out</c> extension, read by <see cref="SwaggerTryItOut.Script"/> in the browser.
/// </summary>
internal sealed record TryItOutPreparation(
    IReadOnlyList<TryItOutCall> Before,
    string FillFrom,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyDictionary<string, string> Placeholders);

internal static class SwaggerTryItOut
{
    public const string Extension = "x-emulator-try-it-out";
    public const string ScriptPath = "/swagger-extras/try-it-out.js";

    public static RouteHandlerBuilder WithTryItOut(this RouteHandlerBuilder builder, TryItOutPreparation preparation) =>
        builder.WithMetadata(preparation);

    /// <summary>
    /// Swagger UI's request interceptor: for an operation with <see cref="Extension"/> whose body still holds the
    /// example's placeholders, make the calls first (with the same credential headers), then fill the fields from
    /// the control route. An edited body is sent as it is.
    /// </summary>
    public const string Script = """
        window.mfaEmulatorTryItOut = async function (req) {
          const spec = window.ui.specSelectors.specJson().toJS();
          const url = new URL(req.url, window.location.href);
          const method = (req.method || "get").toLowerCase();
          const matches = (template) => new RegExp("^" + template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+") + "$").test(url.pathname);
          const entry = Object.entries(spec.paths || {}).find(([template, ops]) => matches(template) && ops[method]);
          const prepare = entry && entry[1][method]["x-emulator-try-it-out"];
          if (!prepare || typeof req.body !== "string") return req;
          let body;
          try { body = JSON.parse(req.body); } catch { return req; }
          if (!Object.entries(prepare.placeholders).every(([field, value]) => body[field] === value)) return req;
          const headers = { "Content-Type": "application/json" };
          for (const [name, value] of Object.entries(req.headers || {})) {
            if (/^(x-auth-token|authorization|x-emulator-key)$/i.test(name)) headers[name] = value;
          }
          for (const call of prepare.before) {
            await fetch(new URL(call.path, url), { method: call.method, headers, body: JSON.stringify(call.body) });
          }
          const source = prepare.fillFrom.replace(/\{(\w+)\}/g, (_, field) => encodeURIComponent(body[field] ?? ""));
          const answer = await fetch(new URL(source, url), { headers });
          if (!answer.ok) return req;
          const values = await answer.json();
          for (const [field, from] of Object.entries(prepare.fields)) body[field] = values[from];
          req.body = JSON.stringify(body);
          return req;
        };
        """;

    public static IEndpointRouteBuilder MapTryItOutScript(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(ScriptPath, () => Results.Text(Script, "text/javascript")).ExcludeFromDescription();
        return routes;
    }
}

/// <summary>Writes each operation's <see cref="TryItOutPreparation"/> as its <c>x-emulator-try-it-out</c> extension.</summary>
internal sealed class TryItOutTransformer : IOpenApiOperationTransformer
{
    private static readonly JsonSerializerOptions CamelCase = new(JsonSerializerDefaults.Web);

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<TryItOutPreparation>().LastOrDefault() is { } preparation)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[SwaggerTryItOut.Extension] = new JsonNodeExtension(JsonSerializer.SerializeToNode(preparation, CamelCase)!);
        }
        return Task.CompletedTask;
    }
}
