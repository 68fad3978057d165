using Microsoft.AspNetCore.Cors.Infrastructure;

namespace MfaEmulator.Emulator;

/// <summary>
/// gRPC for any vendor that serves it: grpc-dotnet does the framing, trailers and status; gRPC-web on the main
/// port (with CORS, so a browser app can call it); server reflection, so <c>grpcurl -plaintext … list</c> works.
/// The vendors map their own services and interceptors.
/// </summary>
internal static class GrpcTransport
{
    public const string CorsPolicy = "grpc-web";

    /// <summary>A request that says it is gRPC or gRPC-web (by its content type), whatever route it reaches.</summary>
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);

    /// <summary>After routing: a call to a gRPC method, whose body and errors grpc-dotnet handles itself.</summary>
    public static bool IsGrpcCall(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Grpc.AspNetCore.Server.GrpcMethodMetadata>() is not null;

    public static IServiceCollection AddEmulatorGrpc(this IServiceCollection services, EmulatorOptions options)
    {
        services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<GrpcStatusRecorder>();
            grpc.MaxReceiveMessageSize = (int)Math.Min(options.MaxRequestBodyBytes, int.MaxValue);
            grpc.EnableDetailedErrors = false;
            // grpc-dotnet's catch-all for unknown services ({service}/{method}) would shadow two-segment REST routes
            // (/_emulator/reset); an unknown service is a plain 404, which gRPC clients read as Unimplemented.
            grpc.IgnoreUnknownServices = true;
        });
        services.AddGrpcReflection();
        // connectrpc.com/docs/cors: a browser's gRPC-web call sends its own headers and reads the status headers.
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .SetIsOriginAllowed(_ => true)
            .AllowCredentials()
            .WithMethods(HttpMethods.Post)
            .AllowAnyHeader()
            .WithExposedHeaders("Grpc-Status", "Grpc-Message", "Grpc-Status-Details-Bin")));
        return services;
    }

    /// <summary>
    /// After routing: CORS for gRPC-web, then gRPC-web translated to gRPC for every service. The CORS middleware runs
    /// only on endpoints with a CORS policy (the gRPC services, <see cref="CorsPolicy"/>): on every other route it
    /// answered nothing, and cost a policy provider and an items dictionary per request.
    /// </summary>
    public static IApplicationBuilder UseEmulatorGrpcWeb(this IApplicationBuilder app) => app
        .UseWhen(context => context.GetEndpoint()?.Metadata.GetMetadata<ICorsMetadata>() is not null,
            cors => cors.Use(next => CorsMiddlewareFor(next, cors.ApplicationServices)))
        .UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });

    /// <summary>
    /// ASP.NET's <c>UseCors()</c>, built by hand: it binds <see cref="CorsMiddleware.Invoke"/>'s policy-provider
    /// parameter by compiling an expression tree, the start's only use of the expression compiler.
    /// </summary>
    private static RequestDelegate CorsMiddlewareFor(RequestDelegate next, IServiceProvider services)
    {
        var middleware = new CorsMiddleware(next, services.GetRequiredService<ICorsService>(), services.GetRequiredService<ILoggerFactory>());
        var policies = services.GetRequiredService<ICorsPolicyProvider>();
        return context => middleware.Invoke(context, policies);
    }

    public static IEndpointRouteBuilder MapGrpcReflection(this IEndpointRouteBuilder routes)
    {
        routes.MapGrpcReflectionService();
        return routes;
    }
}
