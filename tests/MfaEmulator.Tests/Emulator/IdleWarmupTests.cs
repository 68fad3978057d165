using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using FluentValidation;
using MfaEmulator.Common.Warmup;
using MfaEmulator.Emulator;
using MfaEmulator.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static MfaEmulator.Tests.Infrastructure.HttpExtensions;

namespace MfaEmulator.Tests.Emulator;

/// <summary>
/// What routes would build on their first call (each validator, the Swagger UI) is listed for the idle warm-up
/// (<see cref="IdleWarmup"/>), which the emulator's own process runs once it has started and is idle.
/// </summary>
public sealed partial class IdleWarmupTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("mfa-emulator-cache-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    [Fact]
    public async Task Every_validated_route_and_the_Swagger_UI_are_deferred_and_answer_as_before_once_built_ahead()
    {
        using var factory = new EmulatorFactory();
        var client = factory.CreateClient();
        var builds = factory.Services.GetRequiredService<DeferredBuilds>();
        var isService = factory.Services.GetRequiredService<IServiceProviderIsService>();
        var validatedArguments = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(endpoint => endpoint.Metadata.GetMetadata<MethodInfo>())
            .OfType<MethodInfo>()
            .Sum(handler => handler.GetParameters().Count(p => isService.IsService(typeof(IValidator<>).MakeGenericType(p.ParameterType))));

        Assert.True(validatedArguments > 40, $"only {validatedArguments} validated arguments found");
        Assert.Equal(validatedArguments + 1, builds.Pending);
        var built = 0;
        while (builds.TryBuildNext())
        {
            built++;
        }

        Assert.Equal(validatedArguments + 1, built);
        Assert.Equal(0, builds.Pending);
        var refused = await client.SendAsync(Json(HttpMethod.Put, $"/v5/{new string('p', 257)}/setting/two-factor-login/config", new { enabled = true }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("HSS.0001", (await refused.JsonBody()).Str("error_code"));
        var swagger = await client.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
    }

    [Fact]
    public async Task An_idle_emulator_builds_every_deferred_entry_itself_once_its_start_up_JIT_profile_is_written()
    {
        var (built, failed, profiles) = await Processes.WhileListening(Processes.EmulatorDll, _cache, async (process, _) =>
        {
            var done = await WarmedUp(process);
            // This first start in an empty cache records the profile; the warm-up must come after it is written.
            return (int.Parse(done.Groups[1].Value), int.Parse(done.Groups[2].Value), Directory.GetFiles(_cache, "*.jitprofile", SearchOption.AllDirectories));
        }, LogWarmup);

        Assert.True(built > 40, $"built only {built}");
        Assert.Equal(0, failed);
        Assert.Single(profiles, p => !Path.GetFileName(p).StartsWith("recording-", StringComparison.Ordinal));
    }

    /// <summary>The environment setting that has the emulator print the warm-up's one line (<see cref="WarmedUp"/>).</summary>
    internal static readonly (string Name, string Value) LogWarmup = ("Logging__LogLevel__MfaEmulator.Emulator.IdleWarmup", "Debug");

    /// <summary>The warm-up's line, once an emulator started with <see cref="LogWarmup"/> prints it: entries built, failed.</summary>
    internal static async Task<Match> WarmedUp(Process emulator) =>
        WarmupLine().Match(await Processes.FirstLine(emulator, line => WarmupLine().IsMatch(line), TimeSpan.FromSeconds(60)));

    [GeneratedRegex(@"Idle warm-up built (\d+) deferred entries \((\d+) failed\)")]
    private static partial Regex WarmupLine();
}
