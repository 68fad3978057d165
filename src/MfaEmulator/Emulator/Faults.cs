using System.Text.Json.Serialization;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Randomness;

namespace MfaEmulator.Emulator;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record FaultBody(
    [property: JsonPropertyName("method")] string? Method,
    [property: JsonPropertyName("path_prefix")] string? PathPrefix,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("delay_ms")] int? DelayMs,
    [property: JsonPropertyName("count")] int? Count);

internal sealed record Fault(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("method")] string? Method,
    [property: JsonPropertyName("path_prefix")] string PathPrefix,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("delay_ms")] int? DelayMs,
    [property: JsonPropertyName("remaining")] int Remaining);

internal sealed record FaultCreated([property: JsonPropertyName("id")] string Id);

/// <summary>Armed faults: the next <c>count</c> matching calls get a status in their vendor's envelope and/or a delay.</summary>
internal sealed class FaultStore(IRandomSource random)
{
    private readonly Lock _gate = new();
    private readonly List<Fault> _faults = [];

    public Fault Add(FaultBody body)
    {
        var fault = new Fault(random.NewHex(16), body.Method?.ToUpperInvariant(), body.PathPrefix!, body.Status, body.DelayMs, body.Count ?? 1);
        lock (_gate)
        {
            _faults.Add(fault);
        }
        return fault;
    }

    /// <summary>Spends one use of the first fault that matches, atomically, so N parallel calls trip a count-N fault exactly N times.</summary>
    public Fault? Take(string method, string path)
    {
        lock (_gate)
        {
            // A loop, not FindIndex: its predicate would capture the request, a closure on every request.
            for (var index = 0; index < _faults.Count; index++)
            {
                var fault = _faults[index];
                if ((fault.Method is null || fault.Method == method) && path.StartsWith(fault.PathPrefix, StringComparison.Ordinal))
                {
                    if (fault.Remaining <= 1)
                    {
                        _faults.RemoveAt(index);
                    }
                    else
                    {
                        _faults[index] = fault with { Remaining = fault.Remaining - 1 };
                    }
                    return fault;
                }
            }
            return null;
        }
    }

    public IReadOnlyList<Fault> All()
    {
        lock (_gate)
        {
            return [.. _faults];
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _faults.RemoveAll(f => f.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }
}

/// <summary>Applies armed faults to the emulated APIs (never to the emulator's own routes).</summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultStore faults)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        // Faults are written in a REST envelope, so gRPC calls are left alone (see openapi/DEVIATIONS.md).
        if (!context.Request.Path.StartsWithSegments("/_emulator") && !GrpcTransport.IsGrpc(context.Request) && faults.Take(context.Request.Method, path) is { } fault)
        {
            if (fault.DelayMs is { } delay && delay > 0)
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            if (fault.Status is { } status)
            {
                var family = ApiFamilies.For(context);
                await family.WriteAsync(context, family.ForStatus(status));
                return;
            }
        }
        await next(context);
    }
}
