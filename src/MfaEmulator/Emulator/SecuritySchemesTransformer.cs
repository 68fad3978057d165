using MfaEmulator.Common.Auth;
using MfaEmulator.Common.Errors;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MfaEmulator.Emulator;

/// <summary>
/// Declares how each vendor route takes credentials, so Swagger UI's Authorize button works: the vendors supply
/// the schemes, and the family that owns a route names the one it checks.
/// </summary>
internal sealed class SecuritySchemesTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        foreach (var (name, scheme) in context.ApplicationServices.GetServices<IEmulatedVendor>().SelectMany(v => v.SecuritySchemes))
        {
            document.Components.SecuritySchemes[name] = scheme;
        }
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<RequiresVendorCredentials>().Any()
            && context.ApplicationServices.GetRequiredService<ApiFamilies>().ForPath("/" + context.Description.RelativePath).SecurityScheme is { } scheme)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] }];
        }
        return Task.CompletedTask;
    }
}
