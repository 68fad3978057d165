using MfaEmulator.Common.Validation;

namespace MfaEmulator.Emulator;

/// <summary>The emulator's own control routes under <c>/_emulator</c>, answered in ProblemDetails on error.</summary>
internal static class EmulatorEndpoints
{
    public const string Tag = "MfaEmulator control routes";

    public static RouteGroupBuilder MapEmulator(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/_emulator").WithTags(Tag).WithValidation();

        group.MapGet("/health", HealthEndpoints.GetHealth)
            .WithName("GetEmulatorHealth")
            .WithSummary("Health, version, bound addresses and the emulated APIs");

        group.MapStateRoutes()
            .MapClock()
            .MapJournal()
            .MapRequestVerification()
            .MapFaults();
        foreach (var vendor in routes.ServiceProvider.GetServices<IEmulatedVendor>())
        {
            vendor.MapControlRoutes(group);
        }
        return group;
    }
}
