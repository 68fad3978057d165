using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MfaEmulator.Benchmarks;

/// <summary>
/// What the vendor pipeline (request id, journal, auth, validation, store, envelope) costs per call,
/// against the emulator's cheapest route in the same host (the baseline). In-process, no sockets, so the
/// ratios show the emulator's own work.
/// </summary>
[MemoryDiagnoser]
public class RequestBenchmarks : IDisposable
{
    private const string Token = "MIIEmulatorAdminToken";
    private const string HssBody = """{"enabled":true,"auth_type":"sms","topic_display_name":"t","topic_urn":"urn:smn:cn-north-4:p:t","host_id_list":["09724867-7b91-482d-9702-daf9113f1b62"]}""";
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        // WebApplicationFactory looks for the app's folder next to a solution; here it is beside the binaries.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MFAEMULATOR", AppContext.BaseDirectory);
        _factory = new WebApplicationFactory<Program>();
        _client = _factory.CreateClient();
    }

    [Benchmark(Baseline = true)]
    public Task<HttpResponseMessage> Health() => _client.GetAsync("/_emulator/health");

    [Benchmark]
    public Task<HttpResponseMessage> HssSetConfig()
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/v5/bench/setting/two-factor-login/config")
        {
            Content = new StringContent(HssBody, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Auth-Token", Token);
        return _client.SendAsync(request);
    }

    [Benchmark]
    public Task<HttpResponseMessage> IamV5ListDevices()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v5/mfa-devices?limit=100");
        request.Headers.Add("X-Auth-Token", Token);
        return _client.SendAsync(request);
    }

    [Benchmark]
    public Task<HttpResponseMessage> RejectedBody()
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/v5/bench/setting/two-factor-login/config")
        {
            Content = new StringContent("{not json", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Auth-Token", Token);
        return _client.SendAsync(request);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _client?.Dispose();
        _factory?.Dispose();
        GC.SuppressFinalize(this);
    }
}
