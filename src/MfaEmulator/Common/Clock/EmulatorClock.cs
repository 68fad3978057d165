namespace MfaEmulator.Common.Clock;

/// <summary>
/// The one clock behind TOTP, token expiry and every timestamp the emulator writes. Tests freeze it,
/// shift it or advance it through the control routes instead of sleeping.
/// </summary>
internal sealed class EmulatorClock(TimeProvider system) : TimeProvider
{
    /// <summary>
    /// The range the clock may be set to: wide enough for any test, narrow enough that every timestamp the emulator
    /// derives from it (a token's expiry, 24 h later) can still be written.
    /// </summary>
    public static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Every request reads the clock, so reads take no lock: the setting is one immutable record swapped whole
    // (a lock here was a fifth of the time of creating users under 8 parallel clients). Writers still serialize.
    private readonly Lock _gate = new();
    private volatile Setting _setting = new(null, TimeSpan.Zero);

    private sealed record Setting(DateTimeOffset? FrozenAt, TimeSpan Offset);

    public override DateTimeOffset GetUtcNow() => NowUnder(_setting);

    public ClockMode Mode => _setting switch
    {
        { FrozenAt: not null } => ClockMode.Frozen,
        { Offset: var offset } when offset != TimeSpan.Zero => ClockMode.Offset,
        _ => ClockMode.System,
    };

    public TimeSpan Offset
    {
        get
        {
            var setting = _setting;
            return setting.FrozenAt is { } frozen ? frozen - system.GetUtcNow() : setting.Offset;
        }
    }

    public void Freeze(DateTimeOffset at)
    {
        lock (_gate)
        {
            _setting = new Setting(at.ToUniversalTime(), TimeSpan.Zero);
        }
    }

    public void Shift(TimeSpan offset)
    {
        lock (_gate)
        {
            _setting = new Setting(null, offset);
        }
    }

    public void UseSystemTime() => Shift(TimeSpan.Zero);

    public static bool InRange(DateTimeOffset at) => at >= Earliest && at <= Latest;

    /// <summary>Moves a frozen clock forward, or adds to the offset of a running one; false (and no change) when that would leave the range.</summary>
    public bool TryAdvance(TimeSpan by)
    {
        lock (_gate)
        {
            var setting = _setting;
            var now = NowUnder(setting);
            if (by > Latest - now || by < Earliest - now)
            {
                return false;
            }
            _setting = setting.FrozenAt is { } frozen ? setting with { FrozenAt = frozen + by } : setting with { Offset = setting.Offset + by };
            return true;
        }
    }

    private DateTimeOffset NowUnder(Setting setting) => setting.FrozenAt ?? system.GetUtcNow() + setting.Offset;
}

internal enum ClockMode
{
    System,
    Frozen,
    Offset,
}
