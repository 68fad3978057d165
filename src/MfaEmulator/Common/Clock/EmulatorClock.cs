namespace MfaEmulator.Common.Clock;

/// <summary>
/// The one clock behind TOTP, token expiry and every timestamp the emulator writes. Tests freeze it,
/// shift it or advance it through the control routes instead of sleeping.
/// </summary>
internal sealed class EmulatorClock(TimeProvider system) : TimeProvider
{
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

    /// <summary>Moves a frozen clock forward, or adds to the offset of a running one.</summary>
    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            if (_frozenAt is { } frozen)
            {
                _frozenAt = frozen + by;
            }
            else
            {
                _offset += by;
            }
        }
    }
}

internal enum ClockMode
{
    System,
    Frozen,
    Offset,
}
