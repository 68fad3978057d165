using System.Text.Json.Nodes;
using MfaEmulator.Common.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MfaEmulator.Emulator;

/// <summary>Reset (all, or one tenant so parallel workers do not clobber each other) and whole-state export/import.</summary>
internal static class StateEndpoints
{
    public static RouteGroupBuilder MapStateRoutes(this RouteGroupBuilder group)
    {
        group.MapPost("/reset", Reset)
            .WithName("ResetEmulator")
            .WithSummary("Reset everything, or only the tenant named by domain_id, project_id or org_id")
            .ProducesProblem(400);
        group.MapGet("/state", GetState)
            .WithName("GetEmulatorState")
            .WithSummary("The whole state as JSON (secrets included: it is a test fixture)");
        group.MapPut("/state", PutState)
            .WithName("PutEmulatorState")
            .WithSummary("Replace the whole state with a document from GET /_emulator/state")
            .ProducesProblem(400);
        return group;
    }

    public static NoContent Reset(ResetBody? body, EmulatorState state)
    {
        if (body?.Tenant is { Count: 1 } tenant)
        {
            var (key, id) = tenant.First();
            state.ResetTenant(key, id.GetString()!);
        }
        else
        {
            state.Reset();
        }
        return TypedResults.NoContent();
    }

    public static Ok<JsonObject> GetState(EmulatorState state) => TypedResults.Ok(state.Snapshot());

    public static Results<NoContent, ApiError> PutState(JsonObject document, EmulatorState state)
    {
        if (document["format"]?.GetValue<string>() != EmulatorState.StateFormat)
        {
            return ControlErrors.InvalidState($"The document's \"format\" must be \"{EmulatorState.StateFormat}\".");
        }
        var before = state.Snapshot();
        try
        {
            state.Restore(document);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            state.Restore(before);
            return ControlErrors.InvalidState($"The state document does not fit the emulator's schema ({e.Message}); nothing was changed.");
        }
        return TypedResults.NoContent();
    }
}
