using System.Collections.Concurrent;

namespace MfaEmulator.Common.Warmup;

/// <summary>
/// What the app builds on first use rather than at start-up (each route's validator, the Swagger UI), listed so the host
/// can build it ahead of that use once it is idle. Each entry is built at most once, by whichever comes first: the
/// entry's own first use or <see cref="TryBuildNext"/>.
/// </summary>
internal sealed class DeferredBuilds
{
    private readonly ConcurrentQueue<Action> _pending = new();

    /// <summary>Lists <paramref name="lazy"/>, whose first use would otherwise build it.</summary>
    public void Add<T>(Lazy<T> lazy) => _pending.Enqueue(() => _ = lazy.Value);

    public int Pending => _pending.Count;

    /// <summary>Builds the next listed entry (nothing, if its first use already did); false when none is left.</summary>
    public bool TryBuildNext()
    {
        if (!_pending.TryDequeue(out var build))
        {
            return false;
        }
        build();
        return true;
    }
}
