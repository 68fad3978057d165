using BenchmarkDotNet.Attributes;
using MfaEmulator.Common.Clock;
using MfaEmulator.Common.Randomness;
using MfaEmulator.Common.Store;
using MfaEmulator.Common.Totp;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Huawei.Iam;

namespace MfaEmulator.Benchmarks;

/// <summary>
/// The Huawei stores' look-ups at a small and a large size, side by side: with the indexes, each should cost the
/// same at both sizes (the ratio column is against the small store's own figure for the same operation).
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private const int Accounts = 100;
    private VirtualMfaDevices _devices = null!;
    private HuaweiAccounts _users = null!;
    private string _someUser = null!;
    private string _someAccessKey = null!;
    private string _someDomain = null!;
    private string _sealedToken = null!;
    private long _middle;

    [Params(100, 1_000_000)]
    public int Devices { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var clock = new EmulatorClock(TimeProvider.System);
        var random = new SeededRandomSource(1);
        _devices = new VirtualMfaDevices(random, new ConsecutiveCodesVerifier(clock), NoStateChangeLog.Instance);
        _users = new HuaweiAccounts(clock, random, NoStateChangeLog.Instance);
        var domains = Enumerable.Range(0, Accounts).Select(i => _users.CreateDomain($"account-{i}").Id).ToArray();
        for (var i = 0; i < Devices; i++)
        {
            var domain = domains[i % Accounts];
            var user = _users.CreateUser(domain, $"user-{i}", "Passw0rd!", null, null, admin: false)!;
            _devices.Create(domain, user.Id, $"phone-{i}", SerialNumbers.V3(domain, $"phone-{i}"));
            if (i == Devices / 2)
            {
                (_someUser, _someAccessKey, _someDomain) = (user.Id, user.AccessKey, domain);
                _sealedToken = _users.IssueToken(user, ["password"], mfaAuthnAt: null, projectId: null).Value;
            }
        }
        _middle = _devices.OfDomain(_someDomain).Skip(Devices / Accounts / 2).First().Sequence;
    }

    [Benchmark]
    public bool DeviceOfUser() => _devices.OfUser(_someUser) is not null;

    [Benchmark]
    public bool UserByAccessKey() => _users.FindUserByAccessKey(_someAccessKey) is not null;

    /// <summary>A token the store issued: kept nowhere, its seal checked (HMAC-SHA256) and its user looked up.</summary>
    [Benchmark]
    public bool FindSealedToken() => _users.FindToken(_sealedToken) is not null;

    /// <summary>A token whose value was fixed (the default administrator's): one dictionary look-up.</summary>
    [Benchmark]
    public bool FindKeptToken() => _users.FindToken(DefaultHuaweiAccount.AdminToken) is not null;

    /// <summary>A v5 page (up to 100) from a marker in the middle of an account.</summary>
    [Benchmark]
    public int V5PageFromMarker() => _devices.OfDomain(_someDomain, afterSequence: _middle, take: 100).Count;

    [Benchmark]
    public bool CreateAndDeleteDevice()
    {
        var created = _devices.Create(_someDomain, "bench-user", "bench", "iam:bench:mfa/bench");
        return _devices.Delete(_someDomain, "bench-user", "iam:bench:mfa/bench").Device is not null && created.Device is not null;
    }
}
