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

    private readonly Lock _gate = new();
    private DateTimeOffset? _frozenAt;
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _frozenAt ?? system.GetUtcNow() + _offset;
        }
    }

    public ClockMode Mode
    {
        get
        {
            lock (_gate)
            {
                return _frozenAt is not null ? ClockMode.Frozen : _offset != TimeSpan.Zero ? ClockMode.Offset : ClockMode.System;
            }
        }
    }

    public TimeSpan Offset
    {
        get
        {
            lock (_gate)
            {
                return _frozenAt is { } frozen ? frozen - system.GetUtcNow() : _offset;
            }
        }
    }

    public void Freeze(DateTimeOffset at)
    {
        lock (_gate)
        {
            _frozenAt = at.ToUniversalTime();
        }
    }

    public void Shift(TimeSpan offset)
    {
        lock (_gate)
        {
            _frozenAt = null;
            _offset = offset;
        }
    }

    public void UseSystemTime() => Shift(TimeSpan.Zero);

    public static bool InRange(DateTimeOffset at) => at >= Earliest && at <= Latest;

    /// <summary>Moves a frozen clock forward, or adds to the offset of a running one; false (and no change) when that would leave the range.</summary>
    public bool TryAdvance(TimeSpan by)
    {
        lock (_gate)
        {
            var now = _frozenAt ?? system.GetUtcNow() + _offset;
            if (by > Latest - now || by < Earliest - now)
            {
                return false;
            }
            if (_frozenAt is { } frozen)
            {
                _frozenAt = frozen + by;
            }
            else
            {
                _offset += by;
            }
            return true;
        }
    }
}

internal enum ClockMode
{
    System,
    Frozen,
    Offset,
}
