using MfaEmulator.Common.Auth;
using MfaEmulator.Common.Errors;
using MfaEmulator.Zitadel.LoginPolicy;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MfaEmulator.Emulator;

/// <summary>
/// Declares how each vendor route takes credentials, so Swagger UI's Authorize button works: Huawei routes an
/// <c>X-Auth-Token</c> header (the SDKs' AK/SK signature is accepted too but is not something a browser can make),
/// ZITADEL routes a bearer token.
/// </summary>
internal sealed class SecuritySchemesTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string HuaweiToken = "X-Auth-Token";
    public const string ZitadelBearer = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[HuaweiToken] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = HuaweiToken,
            Description = "Huawei Cloud: a token from POST /v3/auth/tokens or the control routes (default: MIIEmulatorAdminToken). The SDKs' SDK-HMAC-SHA256 signature works too.",
        };
        document.Components.SecuritySchemes[ZitadelBearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "ZITADEL: a personal access token (see README for the default one).",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<RequiresVendorCredentials>().Any())
        {
            // The family that owns the path decides, as it does for the credential check itself.
            var family = context.ApplicationServices.GetRequiredService<ApiFamilies>().ForPath("/" + context.Description.RelativePath);
            var scheme = family is ZitadelFamily ? ZitadelBearer : HuaweiToken;
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] }];
        }
        return Task.CompletedTask;
    }
}
