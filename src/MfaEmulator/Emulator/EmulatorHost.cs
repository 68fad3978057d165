using System.Text.Json;
using FluentValidation;
using MfaEmulator.Common.Auth;
using MfaEmulator.Common.Clock;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Randomness;
using MfaEmulator.Common.Store;
using MfaEmulator.Common.Totp;
using MfaEmulator.Huawei.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Json;

namespace MfaEmulator.Emulator;

/// <summary>Host settings and the shared core every emulated API uses.</summary>
internal static class EmulatorHost
{
    public static WebApplicationBuilder AddEmulatorHost(this WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddCommandLine(args, EmulatorOptions.SwitchMappings.ToDictionary());
        var options = builder.Configuration.GetSection(EmulatorOptions.Section).Get<EmulatorOptions>() ?? new EmulatorOptions();
        builder.Services.AddSingleton(options);

        // Loopback on a documented port unless --urls (or ASPNETCORE_URLS) says otherwise.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(EmulatorOptions.DefaultUrl);
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            // X-Auth-Token may be 32,768 characters (Huawei docs), above Kestrel's 32 KiB header default.
            kestrel.Limits.MaxRequestHeadersTotalSize = 128 * 1024;
        });
        builder.Services.Configure<JsonOptions>(json => ConfigureJson(json.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(routing => routing.ThrowOnBadRequest = true);
        return builder;
    }

    /// <summary>Wire names come from [JsonPropertyName] on each contract (snake_case for Huawei, camelCase for ZITADEL).</summary>
    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = null;
        json.PropertyNameCaseInsensitive = false;
        json.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
    }

    public static IServiceCollection AddEmulatorCore(this IServiceCollection services, EmulatorOptions options)
    {
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        services.AddSingleton<EmulatorClock>(sp => new EmulatorClock(TimeProvider.System));
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<EmulatorClock>());
        services.AddSingleton<IRandomSource>(options.RandomSeed is { } seed ? new SeededRandomSource(seed) : new CryptoRandomSource());
        services.AddSingleton<ConsecutiveCodesVerifier>();
        services.AddSingleton<ApiFamilies>();
        services.AddEmulatorStore<HuaweiAccounts>();
        services.AddSingleton<HuaweiAuthenticator>();
        return services;
    }

    /// <summary>The family that answers for every path no vendor claims: registered last.</summary>
    public static IServiceCollection AddEmulatorFamily(this IServiceCollection services) =>
        services.AddSingleton<ApiFamily, EmulatorFamily>();

    public static WebApplication UseEmulatorPipeline(this WebApplication app)
    {
        app.UseRequestIds();
        app.UseMiddleware<VendorErrorMiddleware>();
        app.UseRouting();
        app.UseVendorCredentials();
        return app;
    }

    public static WebApplication MapDocumentation(this WebApplication app)
    {
        app.MapOpenApi();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "MfaEmulator v1");
            ui.RoutePrefix = "swagger";
        });
        app.MapGet("/", () => Results.Redirect("/swagger")).ExcludeFromDescription();
        return app;
    }

    /// <summary>One line a test fixture can read to learn the bound address (useful with --urls http://127.0.0.1:0).</summary>
    public static void AnnounceAddresses(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var server = app.Services.GetRequiredService<IServer>();
            Console.WriteLine($"MfaEmulator listening on {string.Join(' ', HealthEndpoints.BoundAddresses(server))}");
        });
}
