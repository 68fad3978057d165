using System.Text.Json.Nodes;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Json;
using MfaEmulator.Common.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MfaEmulator.Emulator;

/// <summary>Reset (all, or one tenant so parallel workers do not clobber each other) and whole-state export/import.</summary>
internal static class StateEndpoints
{
    /// <summary>A saved state is far larger than a vendor request: 256 MiB holds about a million devices.</summary>
    public const long MaxStateBytes = 256L * 1024 * 1024;

    public static RouteGroupBuilder MapStateRoutes(this RouteGroupBuilder group)
    {
        group.MapPost("/reset", Reset)
            .WithName("ResetEmulator")
            .WithRequestExample(new { domain_id = "0d5f3c2e9b7d4e1f8c6a2b4d6e8f0a12" })
            .WithSummary("Reset everything, or only the tenant named by domain_id, project_id or org_id")
            .ProducesProblem(400);
        group.MapGet("/state", GetState)
            .WithName("GetEmulatorState")
            .WithSummary("The whole state as JSON (secrets included: it is a test fixture)");
        group.MapPut("/state", PutState)
            .WithName("PutEmulatorState")
            .WithSummary("Replace the whole state with a document from GET /_emulator/state")
            .WithMetadata(new RequestSizeLimitAttribute(MaxStateBytes))
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

    public static JsonOk<JsonObject> GetState(EmulatorState state) => JsonResults.Ok(state.Snapshot());

    public static Results<NoContent, ApiError> PutState(JsonObject document, EmulatorState state)
    {
        try
        {
            state.Restore(document);
        }
        catch (InvalidStateException e)
        {
            return ControlErrors.InvalidState($"The state document does not fit the emulator's schema ({e.Message}); nothing was changed.");
        }
        return TypedResults.NoContent();
    }
}
