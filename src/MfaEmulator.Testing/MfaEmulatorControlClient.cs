using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MfaEmulator.Testing;

/// <summary>A Huawei IAM user the control routes made, with everything a client needs to act as them.</summary>
public sealed record HuaweiUser(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("domain_id")] string DomainId,
    [property: JsonPropertyName("domain_name")] string DomainName,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("password")] string Password,
    [property: JsonPropertyName("admin")] bool Admin,
    [property: JsonPropertyName("access_key")] string AccessKey,
    [property: JsonPropertyName("secret_key")] string SecretKey,
    [property: JsonPropertyName("token")] string Token);

/// <summary>A ZITADEL organization and its owner's personal access token.</summary>
public sealed record ZitadelOrg([property: JsonPropertyName("org_id")] string OrgId, [property: JsonPropertyName("token")] string Token);

/// <summary>What an authenticator app shows for a device now: bind with <see cref="Previous"/> and <see cref="Current"/>.</summary>
public sealed record DeviceCodes(
    [property: JsonPropertyName("previous")] string Previous,
    [property: JsonPropertyName("current")] string Current,
    [property: JsonPropertyName("next")] string Next,
    [property: JsonPropertyName("valid_for_seconds")] int ValidForSeconds);

/// <summary>One journaled call, secrets redacted.</summary>
public sealed record RecordedRequest(
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("query")] IReadOnlyDictionary<string, string> Query,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string> Headers,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("grpc_status")] int? GrpcStatus = null);

/// <summary>Which journaled calls to count: every criterion given must match (path takes * as a wildcard).</summary>
public sealed record RequestPattern(string? Method = null, string? Path = null, int? Status = null, string? BodyField = null, string? BodyValue = null, int? GrpcStatus = null);

/// <summary>The emulator's control routes (/_emulator), typed. Every method throws on an answer that is not 2xx.</summary>
public sealed class MfaEmulatorControlClient(HttpClient client)
{
    private sealed record Created([property: JsonPropertyName("token")] string Token);

    private sealed record Page([property: JsonPropertyName("requests")] IReadOnlyList<RecordedRequest> Requests);

    private sealed record Health([property: JsonPropertyName("grpc_addresses")] IReadOnlyList<string> GrpcAddresses);

    private sealed record Verified([property: JsonPropertyName("count")] int Count, [property: JsonPropertyName("requests")] IReadOnlyList<RecordedRequest> Requests);

    public Task<HuaweiUser> CreateHuaweiUserAsync(string name, bool admin = false, string? domainId = null, string? password = null, string? email = null, string? mobile = null) =>
        PostAsync<HuaweiUser>("_emulator/huawei/users", new { name, admin, domain_id = domainId, password, email, mobile });

    public async Task CreateHssHostAsync(string projectId, string hostName, string? hostId = null, string osType = "Linux") =>
        await PostAsync<JsonElement>("_emulator/huawei/hosts", new { project_id = projectId, host_name = hostName, host_id = hostId, os_type = osType });

    public Task<ZitadelOrg> CreateZitadelOrgAsync(string name, string? orgId = null, string? token = null) =>
        PostAsync<ZitadelOrg>("_emulator/zitadel/orgs", new { name, org_id = orgId, token });

    public async Task<string> IssueZitadelTokenAsync(string orgId, params string[] roles) =>
        (await PostAsync<Created>("_emulator/zitadel/tokens", new { org_id = orgId, roles })).Token;

    public async Task<DeviceCodes> GetDeviceCodesAsync(string serialNumber) =>
        await Read<DeviceCodes>(await client.GetAsync(new Uri($"_emulator/mfa-devices/codes?serial_number={Uri.EscapeDataString(serialNumber)}", UriKind.Relative)));

    public async Task FreezeClockAsync(DateTimeOffset at) => await PutAsync("_emulator/clock", new { frozen_at = at });

    public async Task UseSystemClockAsync() => await PutAsync("_emulator/clock", new { mode = "system" });

    public async Task AdvanceClockAsync(TimeSpan by) => await PostAsync<JsonElement>("_emulator/clock/advance", new { seconds = by.TotalSeconds });

    /// <summary>Everything back to the start state.</summary>
    public async Task ResetAsync() => Ensure(await client.PostAsync(new Uri("_emulator/reset", UriKind.Relative), null));

    /// <summary>One tenant only: <c>domain_id</c> (a Huawei account), <c>project_id</c> (an HSS project) or <c>org_id</c> (a ZITADEL org).</summary>
    public async Task ResetTenantAsync(string tenantKey, string id) =>
        Ensure(await client.PostAsJsonAsync(new Uri("_emulator/reset", UriKind.Relative), new Dictionary<string, string> { [tenantKey] = id }));

    /// <summary>The next <paramref name="count"/> calls under <paramref name="pathPrefix"/> fail with <paramref name="status"/> in their vendor's envelope.</summary>
    public async Task AddFaultAsync(string pathPrefix, int status, int count = 1, string? method = null, int? delayMs = null) =>
        await PostAsync<JsonElement>("_emulator/faults", new { path_prefix = pathPrefix, status, count, method, delay_ms = delayMs });

    public async Task ClearFaultsAsync() => Ensure(await client.DeleteAsync(new Uri("_emulator/faults", UriKind.Relative)));

    /// <summary>The last calls to the emulated APIs, newest first.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> GetRequestsAsync(string? pathPrefix = null, int limit = 50) =>
        (await Read<Page>(await client.GetAsync(new Uri($"_emulator/requests?limit={limit}{(pathPrefix is null ? "" : "&path_prefix=" + Uri.EscapeDataString(pathPrefix))}", UriKind.Relative)))).Requests;

    public async Task ClearRequestsAsync() => Ensure(await client.DeleteAsync(new Uri("_emulator/requests", UriKind.Relative)));

    /// <summary>The journaled calls matching <paramref name="pattern"/> (WireMock's verify).</summary>
    public async Task<IReadOnlyList<RecordedRequest>> FindRequestsAsync(RequestPattern pattern)
    {
        var query = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                query.Add($"{name}={Uri.EscapeDataString(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!)}");
            }
        }
        Add("method", pattern.Method);
        Add("path", pattern.Path);
        Add("status", pattern.Status);
        Add("body_field", pattern.BodyField);
        Add("body_value", pattern.BodyValue);
        Add("grpc_status", pattern.GrpcStatus);
        return (await Read<Verified>(await client.GetAsync(new Uri("_emulator/requests/verify?" + string.Join('&', query), UriKind.Relative)))).Requests;
    }

    /// <summary>The first native gRPC address the health report lists.</summary>
    public async Task<Uri> GetGrpcAddressAsync()
    {
        var health = await Read<Health>(await client.GetAsync(new Uri("_emulator/health", UriKind.Relative)));
        var address = health.GrpcAddresses.Count > 0 ? health.GrpcAddresses[0] : throw new InvalidOperationException("The emulator serves no native gRPC.");
        return new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Throws unless exactly <paramref name="times"/> journaled calls match <paramref name="pattern"/>.</summary>
    public async Task VerifyAsync(RequestPattern pattern, int times = 1)
    {
        var found = await FindRequestsAsync(pattern);
        if (found.Count != times)
        {
            throw new InvalidOperationException(
                $"Expected {times} call(s) matching {pattern}, found {found.Count}: {string.Join("; ", found.Select(r => $"{r.Method} {r.Path} {r.Status}"))}");
        }
    }

    private async Task<T> PostAsync<T>(string path, object body) =>
        await Read<T>(await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Options));

    private async Task PutAsync(string path, object body) =>
        Ensure(await client.PutAsJsonAsync(new Uri(path, UriKind.Relative), body, Options));

    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private static async Task<T> Read<T>(HttpResponseMessage response)
    {
        Ensure(response);
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    private static void Ensure(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The emulator answered {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}", null, response.StatusCode);
        }
    }
}
