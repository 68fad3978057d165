using System.Text.Json.Nodes;
using MfaEmulator.Common.Randomness;
using MfaEmulator.Common.Store;
using MfaEmulator.Common.Totp;

namespace MfaEmulator.Huawei.Iam;

/// <summary>
/// Every account's virtual MFA devices, under one lock. A code is checked outside it and the change stored only if
/// the device did not change meanwhile (<see cref="ChangeAfterCodeCheck"/>), so two racing binds of one device cannot
/// both win: the second sees the device bound and gets the conflict.
/// </summary>
internal sealed class VirtualMfaDevices(IRandomSource random, ConsecutiveCodesVerifier verifier, IStateChangeLog log) : IEmulatorStore
{
    private const string Devices = "devices";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, VirtualMfaDevice> _bySerial = new(StringComparer.Ordinal);

    /// <summary>One device per user: its serial number.</summary>
    private readonly Dictionary<string, string> _byUser = new(StringComparer.Ordinal);

    /// <summary>
    /// Each account's serial numbers in creation order, so a page costs its size, not the store's (v5 paging relies on
    /// the order): an account's one device is its serial alone, a second makes a <see cref="SequenceMap{TKey}"/>. Most
    /// accounts have one, and the map cost 40 bytes each (bench/results/scale.md).
    /// </summary>
    private readonly Dictionary<string, object> _byDomain = new(StringComparer.Ordinal);
    private long _sequence;

    public string Name => "huawei_mfa_devices";

    /// <summary>A new unbound device; one per user and one per serial number (usermanual-iam iam_10_0002).</summary>
    public DeviceOutcome Create(string domainId, string userId, string name, string serialNumber)
    {
        var secret = SeedGenerator.NewSecret(random); // outside the lock: a system call that parallel creates need not queue behind
        lock (_gate)
        {
            if (_bySerial.ContainsKey(serialNumber))
            {
                return DeviceOutcome.Fail(DeviceFailure.DuplicateName);
            }
            if (_byUser.ContainsKey(userId))
            {
                return DeviceOutcome.Fail(DeviceFailure.UserHasDevice);
            }
            var device = new VirtualMfaDevice(serialNumber, domainId, userId, name, secret, ++_sequence);
            AddLocked(device);
            return DeviceOutcome.Ok(device);
        }
    }

    /// <summary>Binds (v3) or enables (v5) a device with two consecutive codes.</summary>
    public DeviceOutcome Bind(string domainId, string userId, string serialNumber, string first, string second)
    {
        DeviceOutcome FindLocked()
        {
            if (!_bySerial.TryGetValue(serialNumber, out var device) || device.DomainId != domainId)
            {
                return DeviceOutcome.Fail(DeviceFailure.DeviceNotFound);
            }
            if (device.UserId != userId)
            {
                return DeviceOutcome.Fail(DeviceFailure.OtherUsersDevice);
            }
            return device.Enabled ? DeviceOutcome.Fail(DeviceFailure.AlreadyBound) : DeviceOutcome.Ok(device);
        }
        return ChangeAfterCodeCheck(
            FindLocked,
            device => verifier.VerifyPair(device.Secret, first, second, device.LastUsedStep),
            (device, step) => device with { Enabled = true, LastUsedStep = step });
    }

    /// <summary>
    /// Unbinds (v3) or disables (v5). With <paramref name="code"/> null no code is checked (an administrator
    /// unbinding someone else's device, or v5 disable); otherwise one valid, unused code is required.
    /// </summary>
    public DeviceOutcome Unbind(string domainId, string userId, string serialNumber, string? code)
    {
        DeviceOutcome FindLocked()
        {
            if (!_bySerial.TryGetValue(serialNumber, out var device) || device.DomainId != domainId || device.UserId != userId)
            {
                return DeviceOutcome.Fail(DeviceFailure.DeviceNotFound);
            }
            return device.Enabled ? DeviceOutcome.Ok(device) : DeviceOutcome.Fail(DeviceFailure.NotBound);
        }
        return ChangeAfterCodeCheck(
            FindLocked,
            device => code is null ? null : verifier.VerifySingle(device.Secret, code, device.LastUsedStep),
            (device, step) => device with { Enabled = false, LastUsedStep = step });
    }

    /// <summary>Checks a sign-in code against the user's bound device and spends its step.</summary>
    public DeviceOutcome VerifySignIn(string userId, string code)
    {
        DeviceOutcome FindLocked()
        {
            var device = _byUser.TryGetValue(userId, out var serial) ? _bySerial[serial] : null;
            return device is { Enabled: true } ? DeviceOutcome.Ok(device) : DeviceOutcome.Fail(DeviceFailure.NotBound);
        }
        return ChangeAfterCodeCheck(
            FindLocked,
            device => verifier.VerifySingle(device.Secret, code, device.LastUsedStep),
            (device, step) => device with { LastUsedStep = step });
    }

    /// <summary>Deletes an unbound device of the user; a bound one must be unbound (disabled) first.</summary>
    public DeviceOutcome Delete(string domainId, string userId, string serialNumber)
    {
        lock (_gate)
        {
            if (!_bySerial.TryGetValue(serialNumber, out var device) || device.DomainId != domainId || device.UserId != userId)
            {
                return DeviceOutcome.Fail(DeviceFailure.DeviceNotFound);
            }
            if (device.Enabled)
            {
                return DeviceOutcome.Fail(DeviceFailure.AlreadyBound);
            }
            RemoveLocked(device);
            return DeviceOutcome.Ok(device);
        }
    }

    /// <summary>Forgets the user's device, bound or not (the user is being deleted).</summary>
    public void RemoveUser(string userId)
    {
        lock (_gate)
        {
            if (_byUser.TryGetValue(userId, out var serial))
            {
                RemoveLocked(_bySerial[serial]);
            }
        }
    }

    public VirtualMfaDevice? Find(string serialNumber)
    {
        lock (_gate)
        {
            return _bySerial.GetValueOrDefault(serialNumber);
        }
    }

    public VirtualMfaDevice? OfUser(string userId)
    {
        lock (_gate)
        {
            return _byUser.TryGetValue(userId, out var serial) ? _bySerial[serial] : null;
        }
    }

    /// <summary>An account's devices in creation order after <paramref name="afterSequence"/>: O(page) with the account index.</summary>
    public IReadOnlyList<VirtualMfaDevice> OfDomain(string domainId, string? userId = null, long afterSequence = 0, int? take = null)
    {
        lock (_gate)
        {
            if (userId is not null)
            {
                return _byUser.TryGetValue(userId, out var serial) && _bySerial[serial] is var own && own.DomainId == domainId && own.Sequence > afterSequence
                    ? [own]
                    : [];
            }
            // From the marker on: O(log n) to find, then the page itself.
            var after = SerialsAfterLocked(domainId, afterSequence).Select(serial => _bySerial[serial]);
            return [.. take is { } n ? after.Take(n) : after];
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            ClearLocked();
        }
    }

    public bool ResetTenant(string tenantKey, string id)
    {
        if (tenantKey != HuaweiVendor.DomainTenant)
        {
            return false;
        }
        lock (_gate)
        {
            foreach (var serial in SerialsAfterLocked(id, 0).ToList())
            {
                RemoveLocked(_bySerial[serial]);
            }
        }
        return true;
    }

    public object Snapshot()
    {
        List<VirtualMfaDevice> devices;
        lock (_gate)
        {
            devices = [.. _bySerial.Values];
        }
        return devices.OrderBy(d => d.Sequence).ToList();
    }

    public Action Load(JsonNode? state)
    {
        var devices = state is null ? [] : StateSchema.Read<List<VirtualMfaDevice>>(state, Name);
        var bySerial = StateSchema.Index(devices, d => d.SerialNumber, Name, "serial number");
        StateSchema.Index(devices, d => d.UserId, Name, "the device of user");
        // Unique within an account, as a change replayed from the log is checked and as paging needs: new sequences are
        // drawn above the largest, so two accounts sharing one (a hand-merged state) never meet.
        StateSchema.Index(devices, d => $"{d.DomainId}/{d.Sequence}", Name, "account/sequence");
        foreach (var device in devices)
        {
            StateSchema.Require(device.Sequence > 0, Name, $"device {device.SerialNumber} has sequence {device.Sequence}; sequences start at 1");
        }
        return () =>
        {
            lock (_gate)
            {
                ClearLocked();
                foreach (var device in bySerial.Values)
                {
                    AddLocked(device);
                }
                _sequence = devices.Count == 0 ? 0 : devices.Max(d => d.Sequence);
            }
        };
    }

    public void Replay(StateChange change) => change.ReplayUnder(_gate, ClearLocked, key =>
    {
        change.RequireTable(Devices);
        if (_bySerial.TryGetValue(key, out var stored))
        {
            RemoveLocked(stored);
        }
        if (change.ValueAs<VirtualMfaDevice>(d => d.SerialNumber) is { } device)
        {
            StateSchema.Require(!_byUser.ContainsKey(device.UserId) && !SequenceTakenLocked(device.DomainId, device.Sequence), Name,
                $"the change of device {change.Key} clashes with another device");
            AddLocked(device);
            _sequence = Math.Max(_sequence, device.Sequence);
        }
    });

    /// <summary>
    /// Checks codes outside the lock, against the device as it was found (the HMACs are most of a call's time there,
    /// and under the store's one lock every other device call queued behind them), then stores the change only if the
    /// device is still that record: records are replaced, never changed, so any change in between makes the call start
    /// again on what is there now. Two racing binds still have one winner, and a code is still spent once.
    /// </summary>
    /// <param name="findLocked">The device the call acts on, or why there is none; runs under the lock.</param>
    /// <param name="check">The code check; null when the call checks no code (the step stays as it was).</param>
    /// <param name="change">The device as the call leaves it, given the step the accepted codes used.</param>
    private DeviceOutcome ChangeAfterCodeCheck(
        Func<DeviceOutcome> findLocked, Func<VirtualMfaDevice, TotpCheck?> check, Func<VirtualMfaDevice, long?, VirtualMfaDevice> change)
    {
        while (true)
        {
            DeviceOutcome found;
            lock (_gate)
            {
                found = findLocked();
            }
            if (found.Device is not { } device)
            {
                return found;
            }
            var step = device.LastUsedStep;
            if (check(device) is { } verdict)
            {
                if (!verdict.Accepted)
                {
                    return DeviceOutcome.Fail(DeviceFailure.BadCodes, verdict.Failure);
                }
                step = verdict.Step;
            }
            lock (_gate)
            {
                if (_bySerial.TryGetValue(device.SerialNumber, out var current) && ReferenceEquals(current, device))
                {
                    return Store(change(device, step));
                }
            }
        }
    }

    private void ClearLocked()
    {
        _bySerial.Clear();
        _byUser.Clear();
        _byDomain.Clear();
        log.Clear(this);
    }

    private void AddLocked(VirtualMfaDevice device)
    {
        _bySerial.Add(device.SerialNumber, device);
        log.Put(this, Devices, device.SerialNumber, device);
        _byUser.Add(device.UserId, device.SerialNumber);
        switch (_byDomain.GetValueOrDefault(device.DomainId))
        {
            case null:
                _byDomain.Add(device.DomainId, device.SerialNumber);
                break;
            case string one:
                var second = new SequenceMap<string>();
                second.Add(_bySerial[one].Sequence, one);
                second.Add(device.Sequence, device.SerialNumber);
                _byDomain[device.DomainId] = second;
                break;
            case SequenceMap<string> ordered:
                ordered.Add(device.Sequence, device.SerialNumber);
                break;
        }
    }

    private void RemoveLocked(VirtualMfaDevice device)
    {
        _bySerial.Remove(device.SerialNumber);
        log.Remove(this, Devices, device.SerialNumber);
        _byUser.Remove(device.UserId);
        switch (_byDomain.GetValueOrDefault(device.DomainId))
        {
            case string one when one == device.SerialNumber:
                _byDomain.Remove(device.DomainId);
                break;
            case SequenceMap<string> ordered:
                ordered.Remove(device.Sequence);
                if (ordered.Count == 0)
                {
                    _byDomain.Remove(device.DomainId);
                }
                break;
        }
    }

    private IEnumerable<string> SerialsAfterLocked(string domainId, long afterSequence) => _byDomain.GetValueOrDefault(domainId) switch
    {
        string one => _bySerial[one].Sequence > afterSequence ? [one] : [],
        SequenceMap<string> ordered => ordered.After(afterSequence),
        _ => [],
    };

    private bool SequenceTakenLocked(string domainId, long sequence) => _byDomain.GetValueOrDefault(domainId) switch
    {
        string one => _bySerial[one].Sequence == sequence,
        SequenceMap<string> ordered => ordered.Contains(sequence),
        _ => false,
    };

    private DeviceOutcome Store(VirtualMfaDevice device)
    {
        _bySerial[device.SerialNumber] = device;
        log.Put(this, Devices, device.SerialNumber, device);
        return DeviceOutcome.Ok(device);
    }
}

internal enum DeviceFailure
{
    None,
    DeviceNotFound,
    DuplicateName,
    UserHasDevice,
    OtherUsersDevice,
    AlreadyBound,
    NotBound,
    BadCodes,
}

internal readonly record struct DeviceOutcome(VirtualMfaDevice? Device, DeviceFailure Failure, CodeFailure CodeFailure)
{
    public static DeviceOutcome Ok(VirtualMfaDevice device) => new(device, DeviceFailure.None, CodeFailure.None);

    public static DeviceOutcome Fail(DeviceFailure failure, CodeFailure code = CodeFailure.None) => new(null, failure, code);
}
