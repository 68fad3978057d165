using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using MfaEmulator.Huawei.Auth;
using MfaEmulator.Tests.Infrastructure;

namespace MfaEmulator.Tests.Emulator;

/// <summary>Strict mode without holes (hostile-input item 7): a signature covers the body received, a project is one account's.</summary>
public sealed class StrictHostileInputTests(StrictEmulatorFactory factory) : IClassFixture<StrictEmulatorFactory>
{
    private readonly HuaweiTestApi _api = new(factory.CreateClient());

    private static string ConfigPath(string project) => $"/v5/{project}/setting/two-factor-login/config";

    private static string HostsPath(string project) => $"/v5/{project}/setting/two-factor-login/hosts";

    private static object Config(bool enabled) => new { enabled, auth_type = "code", host_id_list = new[] { "host-1" } };

    /// <summary>Strict mode configures only hosts HSS knows (an agent is installed): register one first.</summary>
    private async Task<string> ProjectWithHost()
    {
        var project = "p-" + Guid.NewGuid().ToString("N")[..8];
        var registered = await _api.Client.PostAsJsonAsync("/_emulator/huawei/hosts", new { project_id = project, host_id = "host-1", host_name = "web-1" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return project;
    }

    [Fact]
    public async Task A_signed_request_resent_with_another_body_and_an_unsigned_body_hash_header_is_refused()
    {
        var user = await _api.CreateAccount();
        var project = await ProjectWithHost();
        var signed = await HttpExtensions.Json(HttpMethod.Put, ConfigPath(project), Config(true), token: null).SignAsync(user.AccessKey, user.SecretKey, DateTimeOffset.UtcNow);
        var originalBody = await signed.Content!.ReadAsByteArrayAsync();

        var forged = HttpExtensions.Json(HttpMethod.Put, ConfigPath(project), Config(false), token: null);
        foreach (var header in signed.Headers)
        {
            forged.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        forged.Headers.TryAddWithoutValidation(SdkHmacSignature.ContentSha256Header, Convert.ToHexStringLower(SHA256.HashData(originalBody)));
        var refused = await _api.Client.SendAsync(forged);
        var hostsAfterForgery = await (await _api.Send(HttpMethod.Get, HostsPath(project), null, user.Token)).JsonBody();
        var genuine = await _api.Client.SendAsync(signed);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("APIGW.0301", (await refused.JsonBody()).Str("error_code"));
        Assert.False(hostsAfterForgery.GetProperty("data_list")[0].GetProperty("auth_switch").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task One_accounts_HSS_project_is_closed_to_another_account()
    {
        var owner = await _api.CreateAccount();
        var intruder = await _api.CreateAccount();
        var project = await ProjectWithHost();
        Assert.Equal(HttpStatusCode.OK, (await _api.Send(HttpMethod.Put, ConfigPath(project), Config(true), owner.Token)).StatusCode);

        var read = await _api.Send(HttpMethod.Get, HostsPath(project), null, intruder.Token);
        var write = await _api.Send(HttpMethod.Put, ConfigPath(project), Config(false), intruder.Token);
        var ownersView = await (await _api.Send(HttpMethod.Get, HostsPath(project), null, owner.Token)).JsonBody();

        foreach (var refused in new[] { read, write })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var body = await refused.JsonBody();
            Assert.Equal("APIGW.0302", body.Str("error_code"));
            Assert.Equal(refused.Headers.GetValues("X-Request-Id").Single(), body.Str("request_id"));
        }
        Assert.True(ownersView.GetProperty("data_list")[0].GetProperty("auth_switch").GetBoolean());
    }
}

/// <summary>Parallel test workers share one emulator: of 200 racing changes of one thing, exactly one wins.</summary>
public sealed class RaceTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    private const int Racers = 200;
    private readonly HuaweiTestApi _api = new(factory.CreateClient());

    /// <summary>One winner and the documented conflict for the rest; a failure names every status seen and one odd body.</summary>
    private static async Task AssertOneWinner(HttpResponseMessage[] responses, HttpStatusCode winner)
    {
        var seen = string.Join(", ", responses.GroupBy(r => (int)r.StatusCode).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}"));
        var odd = responses.FirstOrDefault(r => r.StatusCode != winner && r.StatusCode != HttpStatusCode.Conflict);
        var oddBody = odd is null ? "" : $"; one other answer: {await odd.Content.ReadAsStringAsync()}";
        Assert.True(
            responses.Count(r => r.StatusCode == winner) == 1 && responses.Count(r => r.StatusCode == HttpStatusCode.Conflict) == Racers - 1,
            $"expected 1 × {(int)winner} and {Racers - 1} × 409, saw {seen}{oddBody}");
    }

    [Fact]
    public async Task Of_200_racing_v3_binds_of_one_device_one_wins_and_the_rest_get_the_conflict()
    {
        var user = await _api.CreateUser();
        var serial = await _api.CreateV3Device(user, user.UserId);
        var codes = await _api.Codes(serial);

        var responses = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => _api.BindV3(user, user.UserId, serial, codes.Previous, codes.Current)));

        await AssertOneWinner(responses, HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Of_200_racing_v5_enables_of_one_device_one_wins_and_the_rest_get_the_conflict()
    {
        var user = await _api.CreateUser();
        var created = await _api.Send(HttpMethod.Post, "/v5/virtual-mfa-devices", new { virtual_mfa_device_name = "race" + user.UserId[..8], user_id = user.UserId }, user.Token);
        var serial = (await created.JsonBody()).GetProperty("virtual_mfa_device").Str("serial_number");
        var codes = await _api.Codes(serial);
        var body = new { user_id = user.UserId, serial_number = serial, authentication_code_first = codes.Previous, authentication_code_second = codes.Current };

        var responses = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => _api.Send(HttpMethod.Post, "/v5/mfa-devices/enable", body, user.Token)));

        await AssertOneWinner(responses, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Of_200_racing_sign_ins_with_one_TOTP_code_one_gets_a_token_and_the_rest_are_told_it_was_used()
    {
        var (_, user, serial) = await _api.CreateVmfaProtectedUser();
        var code = (await _api.Codes(serial)).Current;
        var password = new { user = new { name = user.Name, password = user.Password, domain = new { name = user.DomainName } } };
        var totp = new { user = new { id = user.UserId, passcode = code } };
        var body = new { auth = new { identity = new { methods = new[] { "password", "totp" }, password, totp }, scope = new { project = new { name = "cn-north-4" } } } };

        var responses = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => _api.Send(HttpMethod.Post, "/v3/auth/tokens", body, token: null)));

        var seen = string.Join(", ", responses.GroupBy(r => (int)r.StatusCode).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}"));
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Created) == 1, $"expected one token, saw {seen}");
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("already used", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Of_200_racing_adds_of_one_ZITADEL_factor_one_wins_and_the_rest_get_already_exists()
    {
        var created = await _api.Client.PostAsJsonAsync("/_emulator/zitadel/orgs", new { name = "race-" + Guid.NewGuid().ToString("N") });
        var token = (await created.JsonBody()).Str("token");

        var responses = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ =>
            _api.Client.SendAsync(HttpExtensions.Json(HttpMethod.Post, "/management/v1/policies/login/second_factors", new { type = "SECOND_FACTOR_TYPE_OTP_EMAIL" }, token: null).Bearer(token))));

        await AssertOneWinner(responses, HttpStatusCode.OK);
    }
}
