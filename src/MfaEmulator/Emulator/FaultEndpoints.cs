using FluentValidation;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MfaEmulator.Emulator;

internal sealed class FaultBodyValidator : AbstractValidator<FaultBody>
{
    public const int MaxDelayMs = 60_000;
    private static readonly string[] Methods = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD"];

    public FaultBodyValidator()
    {
        RuleFor(b => b.PathPrefix).NotEmpty().Invalid("'path_prefix' is required (e.g. \"/v3.0/OS-MFA/mfa-devices/bind\").")
            .Must(p => p!.StartsWith('/') && !p.StartsWith("/_emulator", StringComparison.Ordinal))
            .Invalid("'path_prefix' starts with '/' and names an emulated API, not /_emulator.");
        RuleFor(b => b.Method).Must(m => m is null || Methods.Contains(m.ToUpperInvariant())).Invalid("'method' is an HTTP method.");
        RuleFor(b => b.Status).InclusiveBetween(400, 599).Invalid("'status' is an error status from 400 to 599.");
        RuleFor(b => b.DelayMs).InclusiveBetween(0, MaxDelayMs).Invalid($"'delay_ms' is 0 to {MaxDelayMs}.");
        RuleFor(b => b.Count).InclusiveBetween(1, 10_000).Invalid("'count' is 1 to 10000.");
        RuleFor(b => b).Must(b => b.Status is not null || b.DelayMs is > 0).Invalid("Give a 'status', a 'delay_ms', or both.");
    }
}

internal static class FaultEndpoints
{
    public static RouteGroupBuilder MapFaults(this RouteGroupBuilder group)
    {
        group.MapPost("/faults", AddFault)
            .WithName("AddFault")
            .WithRequestExample(new { path_prefix = "/v3.0/OS-MFA/mfa-devices/bind", status = 500, count = 1 })
            .WithSummary("Make the next `count` matching calls fail with `status` (in the vendor's envelope) and/or wait `delay_ms`")
            .ProducesProblem(400);
        group.MapGet("/faults", ListFaults)
            .WithName("ListFaults")
            .WithSummary("The armed faults and their remaining uses");
        group.MapDelete("/faults", ClearFaults)
            .WithName("ClearFaults")
            .WithSummary("Disarm every fault");
        group.MapDelete("/faults/{id}", RemoveFault)
            .WithName("RemoveFault")
            .WithSummary("Disarm one fault")
            .ProducesProblem(404);
        return group;
    }

    public static JsonCreated<FaultCreated> AddFault(FaultBody body, FaultStore faults)
    {
        var fault = faults.Add(body);
        return JsonResults.Created($"/_emulator/faults/{fault.Id}", new FaultCreated(fault.Id));
    }

    public static JsonOk<IReadOnlyList<Fault>> ListFaults(FaultStore faults) => JsonResults.Ok(faults.All());

    public static NoContent ClearFaults(FaultStore faults)
    {
        faults.Clear();
        return TypedResults.NoContent();
    }

    public static Results<NoContent, ApiError> RemoveFault(string id, FaultStore faults) =>
        faults.Remove(id) ? TypedResults.NoContent() : ControlErrors.FaultNotFound(id);
}
