using System.Text.Json;
using FluentValidation;
using MfaEmulator.Common.Auth;
using MfaEmulator.Common.Clock;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Randomness;
using MfaEmulator.Common.Store;
using MfaEmulator.Common.Totp;
using MfaEmulator.Common.Validation;
using MfaEmulator.Common.Warmup;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Json;

namespace MfaEmulator.Emulator;

/// <summary>Host settings and the shared core every emulated API uses.</summary>
internal static class EmulatorHost
{
    /// <summary>Binds the emulator's options once (command line, then environment) and configures the host; returns the options.</summary>
    public static EmulatorOptions AddEmulatorHost(this WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddCommandLine(args);
        var options = builder.Configuration.GetSection(EmulatorOptions.Section).Get<EmulatorOptions>() ?? new EmulatorOptions();
        builder.Services.AddSingleton(options);

        // Loopback on documented ports unless --urls (or ASPNETCORE_URLS) and --grpc-urls say otherwise.
        var endpoints = new ListenEndpoints();
        builder.Services.AddSingleton(endpoints);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            endpoints.Configure(kestrel, context.Configuration);
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            // X-Auth-Token may be 32,768 characters (Huawei docs), above Kestrel's 32 KiB header default.
            kestrel.Limits.MaxRequestHeadersTotalSize = 128 * 1024;
        });
        builder.Services.Configure<JsonOptions>(json => ConfigureJson(json.SerializerOptions));
        // Bodies are bound from the bytes UseReceivedBody already holds, as a stream. ASP.NET 10's default, a PipeReader,
        // ends each read with ReadOnlySequence's reflection-based Equals (System.Text.Json's PipeReadBufferState.Dispose):
        // field lists and boxes on every request with a body. The switch is ASP.NET's own (aspnetcore-10 release notes).
        AppContext.SetSwitch("Microsoft.AspNetCore.UseStreamBasedJsonParsing", true);
        InlineSocketCompletions();
        builder.Logging.ClearProviders().AddEventSourceLogger().AddProvider(new BatchedConsoleLoggerProvider(Console.OpenStandardOutput()));
        // ASP.NET's "Request starting/finished" lines carry the query string, where secrets may travel (?access_token=);
        // and with this category on at any level, hosting starts an Activity and a log scope for every request (a
        // tenth of what a request allocated), which nothing here reads: RequestLog writes the request line.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        if (!options.Verbose)
        {
            // Quiet by default: what was loaded at start, the "listening" line, one line per request, and problems.
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
            // Kestrel warns that --urls was overridden: the emulator binds --urls and --grpc-urls itself (ListenEndpoints).
            builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error);
        }
        builder.Services.Configure<RouteHandlerOptions>(routing => routing.ThrowOnBadRequest = true);
        return options;
    }

    public static IServiceCollection AddEmulatorOpenApi(this IServiceCollection services) => services.AddOpenApi(openApi =>
    {
        var security = new SecuritySchemesTransformer();
        var examples = new RequestExamplesTransformer();
        openApi.AddDocumentTransformer(new EmulatorDocumentTransformer());
        openApi.AddDocumentTransformer(security);
        openApi.AddOperationTransformer(security);
        openApi.AddOperationTransformer(examples);
        openApi.AddDocumentTransformer(examples);
        openApi.AddOperationTransformer(new TryItOutTransformer());
    });

    /// <summary>
    /// Lets a socket's completion run on the thread that polls the sockets instead of first hopping to the thread pool:
    /// on a 2-core machine, login-protect answered ~6 % more requests a second for ~6 % less CPU a request
    /// (bench/results/load.md). Only Kestrel's transport code runs there; requests are still handled on the thread pool,
    /// so a long call (a bulk fill, a state load) holds no other connection up. Kestrel's <c>UnsafePreferInlineScheduling</c>,
    /// which would move request handling there too, stays off for that reason. System.Net.Sockets reads the variable
    /// once, when the first socket is polled, so it is set before Kestrel starts; a value set by the user wins.
    /// </summary>
    private static void InlineSocketCompletions()
    {
        const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
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
        services.AddSingleton<StateLog>();
        services.AddSingleton<IStateChangeLog>(sp => sp.GetRequiredService<StateLog>());
        services.AddSingleton<ApiFamilies>();
        services.AddSingleton<DeferredBuilds>();
        return services;
    }

    /// <summary>The control routes' services, and the family that answers for every path no vendor claims (registered last).</summary>
    public static IServiceCollection AddEmulatorControl(this IServiceCollection services)
    {
        services.AddJsonContracts(EmulatorJsonContext.Default);
        services.AddValidators(typeof(JournalQueryValidator), typeof(ResetBodyValidator), typeof(ClockBodyValidator), typeof(AdvanceBodyValidator), typeof(FaultBodyValidator), typeof(VerifyQueryValidator));
        services.AddSingleton<EmulatorState>();
        services.AddSingleton<RequestJournal>();
        services.AddSingleton<FaultStore>();
        services.AddSingleton<StateFile>();
        services.AddSingleton<SeedFile>();
        services.AddSingleton<ListenGate>();
        return services.AddSingleton<ApiFamily, EmulatorFamily>();
    }

    public static WebApplication UseEmulatorPipeline(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<EmulatorOptions>();
        ListenGate.UseListenGate(app, app.Services.GetRequiredService<ListenGate>());
        app.UseRequestIds();
        app.UseMiddleware<RequestLog>();
        app.UseMiddleware<JournalMiddleware>();
        app.UseMiddleware<VendorErrorMiddleware>();
        app.UseControlKey(options);
        StateFile.UseStateFile(app, app.Services.GetRequiredService<StateFile>());
        app.UseMiddleware<FaultMiddleware>();
        app.UseFamilyMediaTypes();
        app.UseRouting();
        app.UseEmulatorGrpcWeb();
        app.UseReceivedBody(options);
        app.UseVendorCredentials();
        app.UseStrictJson();
        return app;
    }

    /// <summary>A state file, when one exists, wins; otherwise the seed file is applied to the start state.</summary>
    public static void LoadInitialState(this WebApplication app)
    {
        var stateFile = app.Services.GetRequiredService<StateFile>();
        if (!stateFile.TryLoad())
        {
            app.Services.GetRequiredService<SeedFile>().Apply();
        }
        stateFile.Open();
    }

    /// <summary>
    /// Builds every endpoint now rather than on the first request, so what is built per endpoint (the validation
    /// filter's choice of validators) is checked before the emulator listens, and the first call is not slower. Each
    /// source is then replaced by the endpoints it built: a route builder's source builds them anew on every read, and
    /// routing's first read (on the first request) would build them all a second time.
    /// </summary>
    public static WebApplication BuildEndpoints(this WebApplication app)
    {
        var sources = ((IEndpointRouteBuilder)app).DataSources;
        var built = sources.Select(source => new DefaultEndpointDataSource(source.Endpoints)).ToList();
        sources.Clear();
        built.ForEach(sources.Add);
        return app;
    }

    /// <summary>The addresses the host will listen on, for the refusal to expose the control routes without a key.</summary>
    public static IReadOnlyList<string> ConfiguredUrls(this WebApplication app) =>
        [.. ListenEndpoints.MainUrls(app.Configuration), .. ListenEndpoints.GrpcUrls(app.Configuration)];

    public static WebApplication MapDocumentation(this WebApplication app)
    {
        // The one document by its own path, so any other document name is an ordinary 404 in ProblemDetails.
        app.MapOpenApi("/openapi/v1.json");
        app.UseLazilyUnder("/swagger", swagger => swagger.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "MfaEmulator v1");
            ui.RoutePrefix = "swagger";
            ui.InjectJavascript(SwaggerTryItOut.ScriptPath);
            ui.UseRequestInterceptor("(req) => window.mfaEmulatorTryItOut(req)");
        }));
        app.MapTryItOutScript();
        app.MapGet("/", () => Results.Redirect("/swagger")).ExcludeFromDescription();
        return app;
    }

    /// <summary>One line a test fixture can read to learn the bound address (useful with --urls http://127.0.0.1:0).</summary>
    public static void AnnounceAddresses(this WebApplication app)
    {
        var endpoints = app.Services.GetRequiredService<ListenEndpoints>();
        var grpc = endpoints.GrpcAddresses;
        var main = endpoints.MainAddresses(app.Services.GetRequiredService<IServer>());
        Console.WriteLine($"MfaEmulator listening on {string.Join(' ', main)}{(grpc.Count > 0 ? $" (native gRPC: {string.Join(' ', grpc)})" : "")}");
    }
}
