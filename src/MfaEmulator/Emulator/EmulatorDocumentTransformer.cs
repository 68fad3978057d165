using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MfaEmulator.Emulator;

/// <summary>Makes the served document independent of the address it is fetched from, so the checked-in copy stays equal.</summary>
internal sealed class EmulatorDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "MfaEmulator",
            Version = "v1",
            Description = "Local emulator of Huawei Cloud (HSS, IAM v3.0, IAM v5) and ZITADEL multi-factor authentication configuration APIs. See openapi/DEVIATIONS.md.",
        };
        document.Servers = [];
        return Task.CompletedTask;
    }
}
