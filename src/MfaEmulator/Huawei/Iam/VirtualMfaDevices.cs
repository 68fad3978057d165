using System.Text.Json;
using System.Text.Json.Nodes;
using MfaEmulator.Common.Randomness;
using MfaEmulator.Common.Store;
using MfaEmulator.Common.Totp;

namespace MfaEmulator.Huawei.Iam;

/// <summary>
/// Every account's virtual MFA devices. One lock covers look-up, code check and state change, so two
/// racing binds of one device cannot both win: the second sees the device bound and gets the conflict.
/// </summary>
internal sealed class VirtualMfaDevices(IRandomSource random, ConsecutiveCodesVerifier verifier) : IEmulatorStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, VirtualMfaDevice> _bySerial = new(StringComparer.Ordinal);
    private long _sequence;

    public string Name => "huawei_mfa_devices";

    /// <summary>A new unbound device; one per user and one per serial number (usermanual-iam iam_10_0002).</summary>
    public DeviceOutcome Create(string domainId, string userId, string name, string serialNumber)
    {
        lock (_gate)
        {
            if (_bySerial.ContainsKey(serialNumber))
            {
                return DeviceOutcome.Fail(DeviceFailure.DuplicateName);
            }
            if (_bySerial.Values.Any(d => d.UserId == userId))
            {
                return DeviceOutcome.Fail(DeviceFailure.UserHasDevice);
            }
            var device = new VirtualMfaDevice(serialNumber, domainId, userId, name, SeedGenerator.NewBase32Seed(random), ++_sequence);
            _bySerial.Add(serialNumber, device);
            return DeviceOutcome.Ok(device);
        }
    }

    /// <summary>Binds (v3) or enables (v5) a device with two consecutive codes.</summary>
    public DeviceOutcome Bind(string domainId, string userId, string serialNumber, string first, string second)
    {
        lock (_gate)
        {
            if (!_bySerial.TryGetValue(serialNumber, out var device) || device.DomainId != domainId)
            {
                return DeviceOutcome.Fail(DeviceFailure.DeviceNotFound);
            }
            if (device.UserId != userId)
            {
                return DeviceOutcome.Fail(DeviceFailure.OtherUsersDevice);
            }
            if (device.Enabled)
            {
                return DeviceOutcome.Fail(DeviceFailure.AlreadyBound);
            }
            var check = verifier.VerifyPair(Base32.Decode(device.Base32Seed)!, first, second, device.LastUsedStep);
            if (!check.Accepted)
            {
                return DeviceOutcome.Fail(DeviceFailure.BadCodes, check.Failure);
            }
            return Store(device with { Enabled = true, LastUsedStep = check.Step });
        }
    }

    /// <summary>
    /// Unbinds (v3) or disables (v5). With <paramref name="code"/> null no code is checked (an administrator
    /// unbinding someone else's device, or v5 disable); otherwise one valid, unused code is required.
    /// </summary>
    public DeviceOutcome Unbind(string domainId, string userId, string serialNumber, string? code)
    {
        lock (_gate)
        {
            if (!_bySerial.TryGetValue(serialNumber, out var device) || device.DomainId != domainId || device.UserId != userId)
            {
                return DeviceOutcome.Fail(DeviceFailure.DeviceNotFound);
            }
            if (!device.Enabled)
            {
                return DeviceOutcome.Fail(DeviceFailure.NotBound);
            }
            long? step = device.LastUsedStep;
            if (code is not null)
            {
                var check = verifier.VerifySingle(Base32.Decode(device.Base32Seed)!, code, device.LastUsedStep);
                if (!check.Accepted)
                {
                    return DeviceOutcome.Fail(DeviceFailure.BadCodes, check.Failure);
                }
                step = check.Step;
            }
            return Store(device with { Enabled = false, LastUsedStep = step });
        }
    }

    /// <summary>Checks a sign-in code against the user's bound device and spends its step.</summary>
    public DeviceOutcome VerifySignIn(string userId, string code)
    {
        lock (_gate)
        {
            var device = _bySerial.Values.FirstOrDefault(d => d.UserId == userId && d.Enabled);
            if (device is null)
            {
                return DeviceOutcome.Fail(DeviceFailure.NotBound);
            }
            var check = verifier.VerifySingle(Base32.Decode(device.Base32Seed)!, code, device.LastUsedStep);
            return check.Accepted
                ? Store(device with { LastUsedStep = check.Step })
                : DeviceOutcome.Fail(DeviceFailure.BadCodes, check.Failure);
        }
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
            _bySerial.Remove(serialNumber);
            return DeviceOutcome.Ok(device);
        }
    }

    /// <summary>Forgets the user's device, bound or not (the user is being deleted).</summary>
    public void RemoveUser(string userId)
    {
        lock (_gate)
        {
            foreach (var serial in _bySerial.Values.Where(d => d.UserId == userId).Select(d => d.SerialNumber).ToList())
            {
                _bySerial.Remove(serial);
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
            return _bySerial.Values.FirstOrDefault(d => d.UserId == userId);
        }
    }

    /// <summary>An account's devices in creation order (the order is stable, which v5 paging relies on).</summary>
    public IReadOnlyList<VirtualMfaDevice> OfDomain(string domainId, string? userId = null, long afterSequence = 0, int? take = null)
    {
        lock (_gate)
        {
            var matching = _bySerial.Values
                .Where(d => d.DomainId == domainId && (userId is null || d.UserId == userId) && d.Sequence > afterSequence)
                .OrderBy(d => d.Sequence);
            return [.. take is { } n ? matching.Take(n) : matching];
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _bySerial.Clear();
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
            foreach (var serial in _bySerial.Values.Where(d => d.DomainId == id).Select(d => d.SerialNumber).ToList())
            {
                _bySerial.Remove(serial);
            }
        }
        return true;
    }

    public JsonNode Snapshot()
    {
        lock (_gate)
        {
            return JsonSerializer.SerializeToNode(_bySerial.Values.OrderBy(d => d.Sequence).ToList())!;
        }
    }

    public Action Load(JsonNode? state)
    {
        var devices = state is null ? [] : StateSchema.Read<List<VirtualMfaDevice>>(state, Name);
        var bySerial = StateSchema.Index(devices, d => d.SerialNumber, Name, "serial number");
        StateSchema.Index(devices, d => d.UserId, Name, "the device of user");
        StateSchema.Index(devices, d => d.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), Name, "sequence");
        foreach (var device in devices)
        {
            StateSchema.Require(device.Sequence > 0, Name, $"device {device.SerialNumber} has sequence {device.Sequence}; sequences start at 1");
            StateSchema.Require(Base32.Decode(device.Base32Seed) is { Length: > 0 }, Name, $"device {device.SerialNumber} has a seed that is not base32");
        }
        return () =>
        {
            lock (_gate)
            {
                _bySerial.Clear();
                foreach (var (serial, device) in bySerial)
                {
                    _bySerial[serial] = device;
                }
                _sequence = devices.Count == 0 ? 0 : devices.Max(d => d.Sequence);
            }
        };
    }

    private DeviceOutcome Store(VirtualMfaDevice device)
    {
        _bySerial[device.SerialNumber] = device;
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
