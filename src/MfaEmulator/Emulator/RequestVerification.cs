using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using FluentValidation;
using MfaEmulator.Common.Json;
using Microsoft.AspNetCore.Mvc;

namespace MfaEmulator.Emulator;

/// <summary>
/// WireMock's <c>verify</c> for the journal: which recorded calls match a method, a path pattern (<c>*</c> for any
/// run of characters), a status and a body field's value. A test asserts what its code under test sent.
/// </summary>
internal sealed record VerifyQuery
{
    [FromQuery(Name = "method")]
    public string? Method { get; init; }

    [FromQuery(Name = "path")]
    public string? Path { get; init; }

    [FromQuery(Name = "status")]
    public int? Status { get; init; }

    /// <summary>A gRPC or gRPC-web call's status code (its HTTP status is 200 whatever the outcome).</summary>
    [FromQuery(Name = "grpc_status")]
    public int? GrpcStatus { get; init; }

    [FromQuery(Name = "body_field")]
    public string? BodyField { get; init; }

    [FromQuery(Name = "body_value")]
    public string? BodyValue { get; init; }
}

internal sealed record VerifyResult(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("requests")] IReadOnlyList<JournalEntry> Requests);

internal static class RequestVerification
{
    public static RouteGroupBuilder MapRequestVerification(this RouteGroupBuilder group)
    {
        group.MapGet("/requests/verify", Verify)
            .WithName("VerifyJournaledRequests")
            .WithSummary("Count (and show) the journaled calls matching method, path pattern (* wildcard), status (or gRPC status) and a top-level body field's value");
        return group;
    }

    public static JsonOk<VerifyResult> Verify([AsParameters] VerifyQuery query, RequestJournal journal)
    {
        var path = query.Path is null ? null : new Regex("^" + Regex.Escape(query.Path).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.None, TimeSpan.FromSeconds(1));
        // Method, path and status are matched on the captured calls; only those are redacted to look at their bodies.
        var matching = journal.Matching(call =>
                (query.Method is null || string.Equals(call.Method, query.Method, StringComparison.OrdinalIgnoreCase))
                && (path is null || path.IsMatch(call.Path))
                && (query.Status is null || call.Status == query.Status)
                && (query.GrpcStatus is null || call.GrpcStatus == query.GrpcStatus))
            .Where(e => query.BodyField is null || BodyFieldIs(e.Body, query.BodyField, query.BodyValue))
            .ToList();
        return JsonResults.Ok(new VerifyResult(matching.Count, matching));
    }

    /// <summary>The field is present (and, when a value is given, its text is that value; a secret reads as "***").</summary>
    private static bool BodyFieldIs(string? body, string field, string? value)
    {
        if (body is null || !body.StartsWith('{'))
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty(field, out var found)
                && (value is null || (found.ValueKind == JsonValueKind.String ? found.GetString() : found.GetRawText()) == value);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

internal sealed class VerifyQueryValidator : AbstractValidator<VerifyQuery>
{
    public VerifyQueryValidator()
    {
        RuleFor(q => q.Path).MaximumLength(2048).Invalid("'path' must be at most 2048 characters.");
        RuleFor(q => q.BodyValue).Null().When(q => q.BodyField is null).Invalid("'body_value' needs a 'body_field'.");
    }
}
