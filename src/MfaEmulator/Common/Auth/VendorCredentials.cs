using MfaEmulator.Common.Errors;

namespace MfaEmulator.Common.Auth;

/// <summary>Marks routes whose family checks credentials before the handler runs (before validation, as the gateways do).</summary>
internal sealed class RequiresVendorCredentials
{
    public static readonly RequiresVendorCredentials Instance = new();
}

internal static class VendorCredentialsExtensions
{
    public static TBuilder RequireVendorCredentials<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(RequiresVendorCredentials.Instance);

    public static IApplicationBuilder UseVendorCredentials(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiresVendorCredentials>() is not null)
        {
            var family = ApiFamilies.For(context);
            if (await family.AuthenticateAsync(context) is { } error)
            {
                await family.WriteAsync(context, error);
                return;
            }
        }
        await next(context);
    });
}
