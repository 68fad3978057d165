using MfaEmulator.Common.Clock;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MfaEmulator.Emulator;

/// <summary>The emulator's clock drives TOTP, token expiry and every timestamp; tests freeze or move it instead of sleeping.</summary>
internal static class ClockEndpoints
{
    public static RouteGroupBuilder MapClock(this RouteGroupBuilder group)
    {
        group.MapGet("/clock", GetClock)
            .WithName("GetEmulatorClock")
            .WithSummary("The emulator's time and mode");
        group.MapPut("/clock", SetClock)
            .WithName("SetEmulatorClock")
            .WithRequestExample(new { frozen_at = "2030-01-01T00:00:00Z" })
            .WithSummary("Freeze the clock ({frozen_at}), shift it ({offset_seconds}) or follow the system clock ({mode:\"system\"})")
            .ProducesProblem(400);
        group.MapPost("/clock/advance", AdvanceClock)
            .WithName("AdvanceEmulatorClock")
            .WithRequestExample(new { seconds = 30 })
            .WithSummary("Move the clock forward (or back) by {seconds}")
            .ProducesProblem(400);
        return group;
    }

    public static JsonOk<ClockView> GetClock(EmulatorClock clock) => JsonResults.Ok(View(clock));

    public static JsonOk<ClockView> SetClock(ClockBody body, EmulatorClock clock)
    {
        if (body.FrozenAt is { } at)
        {
            clock.Freeze(at);
        }
        else if (body.OffsetSeconds is { } offset)
        {
            clock.Shift(TimeSpan.FromSeconds(offset));
        }
        else
        {
            clock.UseSystemTime();
        }
        return JsonResults.Ok(View(clock));
    }

    public static Results<JsonOk<ClockView>, ApiError> AdvanceClock(AdvanceBody body, EmulatorClock clock) =>
        clock.TryAdvance(TimeSpan.FromSeconds(body.Seconds!.Value))
            ? JsonResults.Ok(View(clock))
            : ControlErrors.InvalidRequest($"Advancing by {body.Seconds} seconds would move the clock outside {EmulatorClock.Earliest:yyyy-MM-dd} to {EmulatorClock.Latest:yyyy-MM-dd}.");

    private static ClockView View(EmulatorClock clock) =>
        new(clock.GetUtcNow(), clock.Mode.ToString().ToLowerInvariant(), Math.Round(clock.Offset.TotalSeconds, 3));
}
