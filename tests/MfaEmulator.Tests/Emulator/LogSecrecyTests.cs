using System.Collections.Concurrent;
using System.Net;
using MfaEmulator.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace MfaEmulator.Tests.Emulator;

/// <summary>Tokens, AK/SK, passwords, TOTP seeds and codes never reach the logs, even at Trace level.</summary>
public sealed class LogSecrecyTests : IDisposable
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly WebApplicationFactory<Program> _factory;

    public LogSecrecyTests() =>
        _factory = new EmulatorFactory().WithWebHostBuilder(builder => builder.ConfigureLogging(logging =>
            logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace)));

    public void Dispose()
    {
        _factory.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public async Task A_whole_MFA_story_logs_none_of_its_secrets()
    {
        var api = new HuaweiTestApi(_factory.CreateClient());
        var user = await api.CreateUser();
        var created = await api.Send(HttpMethod.Post, "/v3.0/OS-MFA/virtual-mfa-devices",
            new { virtual_mfa_device = new { name = "log-test", user_id = user.UserId } }, user.Token);
        var device = (await created.JsonBody()).GetProperty("virtual_mfa_device");
        var codes = await api.Codes(device.Str("serial_number"));
        await api.BindV3(user, user.UserId, device.Str("serial_number"), codes.Previous, codes.Current);
        await api.SetLoginProtect(user, user.UserId, true, "vmfa");
        await api.AdvanceClock(30);
        var signIn = (await api.Codes(device.Str("serial_number"))).Current;
        var token = await api.Send(HttpMethod.Post, "/v3/auth/tokens", new
        {
            auth = new
            {
                identity = new
                {
                    methods = new[] { "password", "totp" },
                    password = new { user = new { id = user.UserId, password = user.Password } },
                    totp = new { user = new { id = user.UserId, passcode = signIn } },
                },
            },
        }, token: null);
        await api.Client.SendAsync(await HttpExtensions.Json(HttpMethod.Get, "/v5/mfa-devices", null, token: null)
            .SignAsync(user.AccessKey, user.SecretKey, DateTimeOffset.UtcNow));
        await api.Send(HttpMethod.Put, "/v5/p/setting/two-factor-login/config", "{broken", user.Token);

        Assert.Equal(HttpStatusCode.Created, token.StatusCode);
        var logged = _logs.Text;
        Assert.NotEmpty(logged);
        foreach (var secret in new[] { user.Token, user.SecretKey, user.Password, device.Str("base32_string_seed"), codes.Previous, codes.Current, signIn, token.Headers.GetValues("X-Subject-Token").Single() })
        {
            Assert.DoesNotContain(secret, logged, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_secret_in_the_query_string_never_reaches_the_logs()
    {
        var client = _factory.CreateClient();

        await client.GetAsync("/v5/mfa-devices?access_token=hunter2-query-secret");
        await client.GetAsync("/_emulator/requests?token=hunter2-query-secret");

        Assert.DoesNotContain("hunter2-query-secret", _logs.Text, StringComparison.Ordinal);
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public string Text => string.Join('\n', _lines);

        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
