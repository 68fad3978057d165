using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Json;
using MfaEmulator.Huawei;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Huawei.IamV3;
using MfaEmulator.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace MfaEmulator.Tests.Common;

/// <summary>Answers written in one piece, by the generated serializers where they apply, are the bytes System.Text.Json writes.</summary>
public sealed class JsonAnswerTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    private JsonSerializerOptions Options => factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    [Fact]
    public void Every_answer_and_error_envelope_of_the_routes_is_written_as_the_serializer_writes_it()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        var answers = endpoints
            .SelectMany(e => e.Metadata.OfType<IProducesResponseTypeMetadata>().Select(p => p.Type))
            .OfType<Type>()
            .Concat(factory.Services.GetRequiredService<ApiFamilies>().All.Select(f => f.Envelope(f.ForStatus(400), "request-id").GetType()))
            .Where(t => t.Assembly == typeof(Program).Assembly && t is { IsAbstract: false, IsInterface: false })
            .Distinct()
            .ToList();
        var write = typeof(JsonAnswerTests).GetMethod(nameof(Written), BindingFlags.NonPublic | BindingFlags.Static)!;

        foreach (var type in answers)
        {
            // Every field at its default: names, order and what is left out when null are what differs between writers.
            var value = RuntimeHelpers.GetUninitializedObject(type);
            var written = (byte[])write.MakeGenericMethod(type).Invoke(null, [factory.Services, value])!;
            Assert.Equal(JsonSerializer.Serialize(value, type, Options), System.Text.Encoding.UTF8.GetString(written));
        }
        Assert.Contains(answers, t => t == typeof(LoginProtectResponse));
        Assert.Contains(answers, t => t == typeof(HuaweiErrorEnvelope));
        Assert.True(answers.Count(t => JsonAnswer.GeneratedWritesAlike(Options.GetTypeInfo(t))) > 20);
    }

    [Fact]
    public void Strings_are_escaped_as_the_serializer_escapes_them_on_both_paths()
    {
        // Quotes, markup and non-ASCII stay as they are (ASP.NET's relaxed encoder); control characters are escaped.
        Gen.Select(Gen.String, Gen.String, Gen.Bool).Sample((user, method, enabled) =>
        {
            var nested = new LoginProtectResponse(new LoginProtectView(user, enabled, method));
            var flat = new HuaweiErrorEnvelope(user, method, enabled ? null : "request-id");
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(nested, Options), Written(factory.Services, nested));
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes<object>(flat, Options), Written(factory.Services, (object)flat));
        });
        Assert.Equal("""{"error_code":"IAM.0001","error_msg":"'auth_type' <must> be é\n"}""".Replace("\n", "\\n", StringComparison.Ordinal),
            System.Text.Encoding.UTF8.GetString(Written(factory.Services, (object)new HuaweiErrorEnvelope("IAM.0001", "'auth_type' <must> be é\n"))));
    }

    [Fact]
    public void A_large_answer_is_written_whole_and_the_next_small_one_is_not_mixed_with_it()
    {
        var large = new JsonObject { ["text"] = new string('x', 200_000) };
        var small = new JsonObject { ["a"] = 1 };

        Assert.Equal(large.ToJsonString(Options), System.Text.Encoding.UTF8.GetString(Written(factory.Services, large)));
        Assert.Equal("""{"a":1}""", System.Text.Encoding.UTF8.GetString(Written(factory.Services, small)));
    }

    [Fact]
    public async Task A_null_value_is_answered_with_its_status_and_no_body_as_ASP_NET_answers_it()
    {
        var context = new DefaultHttpContext { RequestServices = factory.Services };
        using var body = new MemoryStream();
        context.Response.Body = body;

        await new JsonCreated<LoginProtectResponse?>("/somewhere", null).ExecuteAsync(context);

        Assert.Equal(201, context.Response.StatusCode);
        Assert.Equal("/somewhere", context.Response.Headers.Location.ToString());
        Assert.Equal(0, context.Response.ContentLength);
        Assert.Equal(0, body.Length);
    }

    [Fact]
    public async Task An_answer_carries_its_length_instead_of_being_sent_in_chunks()
    {
        using var client = factory.CreateClient();
        var user = DefaultHuaweiAccount.AdminId;
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v3.0/OS-USER/users/{user}/login-protect")
        {
            Content = new StringContent("""{"login_protect": {"enabled": true, "verification_method": "vmfa"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Auth-Token", DefaultHuaweiAccount.AdminToken);

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        // The header as sent (ContentLength would be computed from the buffered body when none was sent).
        Assert.True(response.Content.Headers.NonValidated.TryGetValues("Content-Length", out var length));
        Assert.Equal(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), length.ToString());
        Assert.Null(response.Headers.TransferEncodingChunked);
        Assert.Equal(user, JsonNode.Parse(body)!["login_protect"]!["user_id"]!.GetValue<string>());
    }

    private static byte[] Written<T>(IServiceProvider services, T value)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        context.Response.Body = body;
        var task = value is object boxed && typeof(T) == typeof(object)
            ? JsonAnswer.WriteAsync(context, 200, boxed)
            : JsonAnswer.WriteAsync(context, 200, value);
        task.GetAwaiter().GetResult();
        Assert.Equal(body.Length, context.Response.ContentLength);
        return body.ToArray();
    }
}
