namespace MfaEmulator.Common.Errors;

/// <summary>
/// Finds the family that owns a path: the longest prefix wins, whole segments only, so <c>/v5/mfa-devices</c>
/// (IAM v5) beats <c>/v5</c> (HSS) whatever order the families were registered in. Looked up once per request.
/// </summary>
internal sealed class ApiFamilies
{
    // A class, not a value tuple: LINQ over value types needs its generic code compiled at start-up (ReadyToRun
    // cannot precompile framework generics over framework value types), ~10 ms of the first request.
    private sealed record Claim(PathString Prefix, ApiFamily Family);

    private readonly Claim[] _byPrefix;
    private readonly ApiFamily _fallback;

    public ApiFamilies(IEnumerable<ApiFamily> families)
    {
        All = [.. families];
        var fallbacks = All.Where(f => f.Prefixes.Count == 0).ToList();
        if (fallbacks.Count != 1)
        {
            throw new InvalidOperationException($"Exactly one API family must own the paths no other family claims; found {fallbacks.Count}.");
        }
        _fallback = fallbacks[0];
        _byPrefix = [.. All.SelectMany(f => f.Prefixes.Select(p => new Claim(p, f))).OrderByDescending(p => p.Prefix.Value!.Length)];
        var claimedTwice = _byPrefix.GroupBy(p => p.Prefix.Value, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (claimedTwice is not null)
        {
            throw new InvalidOperationException($"Two API families claim {claimedTwice.Key}: {string.Join(", ", claimedTwice.Select(p => p.Family.Name))}.");
        }
    }

    public IReadOnlyList<ApiFamily> All { get; }

    public ApiFamily ForPath(PathString path)
    {
        foreach (var (prefix, family) in _byPrefix)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return family;
            }
        }
        return _fallback;
    }

    /// <summary>The family of the current request, found on first use and remembered for the rest of it.</summary>
    public static ApiFamily For(HttpContext context)
    {
        if (context.Features.Get<ApiFamily>() is { } known)
        {
            return known;
        }
        var family = context.RequestServices.GetRequiredService<ApiFamilies>().ForPath(context.Request.Path);
        context.Features.Set(family);
        return family;
    }
}
