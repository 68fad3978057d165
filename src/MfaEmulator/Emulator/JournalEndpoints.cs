using System.Text.Json.Serialization;
using FluentValidation;
using MfaEmulator.Common.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MfaEmulator.Emulator;

internal sealed record JournalQuery
{
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    [FromQuery(Name = "path_prefix")]
    public string? PathPrefix { get; init; }
}

internal sealed record JournalPage(
    [property: JsonPropertyName("capacity")] int Capacity,
    [property: JsonPropertyName("requests")] IReadOnlyList<JournalEntry> Requests);

internal static class JournalEndpoints
{
    public const int DefaultLimit = 50;

    public static RouteGroupBuilder MapJournal(this RouteGroupBuilder group)
    {
        group.MapGet("/requests", GetRequests)
            .WithName("ListJournaledRequests")
            .WithSummary("The most recent calls to the emulated APIs, newest first, with secrets redacted");
        group.MapDelete("/requests", ClearRequests)
            .WithName("ClearJournaledRequests")
            .WithSummary("Forget the journaled requests");
        return group;
    }

    public static JsonOk<JournalPage> GetRequests([AsParameters] JournalQuery query, RequestJournal journal) =>
        JsonResults.Ok(new JournalPage(journal.Capacity, journal.Recent(Math.Clamp(query.Limit ?? DefaultLimit, 1, Math.Max(1, journal.Capacity)), query.PathPrefix)));

    public static NoContent ClearRequests(RequestJournal journal)
    {
        journal.Clear();
        return TypedResults.NoContent();
    }
}

internal sealed class JournalQueryValidator : AbstractValidator<JournalQuery>
{
    public const int MaxPathPrefixLength = 2048;

    /// <summary>A limit out of range is clamped to what the journal holds; only an absurd prefix is refused.</summary>
    public JournalQueryValidator() =>
        RuleFor(q => q.PathPrefix).MaximumLength(MaxPathPrefixLength).Invalid($"'path_prefix' must be at most {MaxPathPrefixLength} characters.");
}
