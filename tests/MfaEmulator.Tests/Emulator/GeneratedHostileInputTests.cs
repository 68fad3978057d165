using System.Text;
using System.Text.Json;
using CsCheck;
using MfaEmulator.Common.Errors;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Tests.Infrastructure;
using MfaEmulator.Zitadel;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MfaEmulator.Tests.Emulator;

/// <summary>One operation of the served OpenAPI document: its method, path template and the names its body schema knows.</summary>
internal sealed record Operation(string Method, string Path, bool HasBody, IReadOnlyList<string> Fields, IReadOnlyList<string> Query);

/// <summary>A generated call: an operation with hostile path values, query, headers, content type and body.</summary>
internal sealed record HostileCall(Operation Operation, string Path, string Query, string? ContentType, byte[]? Body, bool ValidCredentials, string Junk)
{
    public override string ToString() =>
        $"{Operation.Method} {Path}{Query} [{ContentType}] credentials={(ValidCredentials ? "valid" : "junk:" + Junk)} body={(Body is null ? "none" : Encoding.UTF8.GetString(Body.Length > 300 ? Body[..300] : Body))}";
}

/// <summary>
/// A generated walk over every operation of the served OpenAPI document (plus unknown routes) with malformed,
/// mistyped, oversized, deeply nested, duplicate-key, bad-encoding and bad-charset bodies, hostile path values,
/// queries and credentials, in lenient and strict mode. It asserts what a client relies on: never a 5xx, every
/// answer whole and in the envelope of the family that owns the path, and a refused call changes no state.
/// Seeded and repeatable: a failure prints its seed; replay it with <c>CsCheck_Seed=&lt;seed&gt; dotnet test</c>.
/// </summary>
public sealed class GeneratedHostileInputTests
{
    /// <summary>Cases per mode; raise with HOSTILE_CASES for a longer hunt.</summary>
    private static readonly long Cases = long.TryParse(Environment.GetEnvironmentVariable("HOSTILE_CASES"), out var n) ? n : 1500;

    [Fact]
    public Task Lenient_mode_never_answers_5xx_or_a_torn_body_and_refusals_change_nothing() => Walk(new EmulatorFactory());

    [Fact]
    public Task Strict_mode_never_answers_5xx_or_a_torn_body_and_refusals_change_nothing() => Walk(new StrictEmulatorFactory());

    private static async Task Walk(WebApplicationFactory<Program> factory)
    {
        using (factory)
        {
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var families = factory.Services.GetRequiredService<ApiFamilies>();
            var operations = await OperationsOf(client);
            Assert.True(operations.Count > 40, $"the document lists {operations.Count} operations");

            await Calls(operations).SampleAsync(async call =>
            {
                var before = await client.GetStringAsync("/_emulator/state");
                var response = await client.SendAsync(RequestOf(call));
                var bytes = await response.Content.ReadAsByteArrayAsync();
                var status = (int)response.StatusCode;

                Assert.True(status < 500, $"{status} for {call}: {Encoding.UTF8.GetString(bytes)}");
                if (response.Content.Headers.ContentLength is { } length)
                {
                    Assert.Equal(length, bytes.Length);
                }
                if (status >= 400)
                {
                    // The family of the path the server saw (the client removes dot segments such as /v5/../x).
                    var served = Microsoft.AspNetCore.Http.PathString.FromUriComponent(response.RequestMessage!.RequestUri!);
                    AssertEnvelope(families.ForPath(served).Name, response, bytes, call);
                    Assert.True(before == await client.GetStringAsync("/_emulator/state"), $"{status} for {call} changed the state");
                }
                else if (call.Operation.Path.StartsWith("/_emulator/faults", StringComparison.Ordinal))
                {
                    await client.DeleteAsync("/_emulator/faults");
                }
            }, iter: Cases, threads: 1, seed: Environment.GetEnvironmentVariable("CsCheck_Seed"));
        }
    }

    private static async Task<IReadOnlyList<Operation>> OperationsOf(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var operations = new List<Operation>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var fields = new List<string>();
                var hasBody = operation.Value.TryGetProperty("requestBody", out var body);
                if (hasBody && body.GetProperty("content").EnumerateObject().First().Value.GetProperty("schema").TryGetProperty("$ref", out var reference)
                    && schemas.TryGetProperty(reference.GetString()!.Split('/')[^1], out var schema) && schema.TryGetProperty("properties", out var properties))
                {
                    fields.AddRange(properties.EnumerateObject().Select(p => p.Name));
                }
                var query = operation.Value.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList()
                    : [];
                operations.Add(new Operation(operation.Name.ToUpperInvariant(), path.Name, hasBody, fields, query));
            }
        }
        // Routes nobody serves, and a known path with a method it does not take.
        operations.Add(new Operation("POST", "/v5/nothing/{x}", true, ["a"], []));
        operations.Add(new Operation("PATCH", "/v3.0/OS-MFA/mfa-devices/bind", true, ["user_id"], []));
        operations.Add(new Operation("DELETE", "/management/v1/nothing", false, [], []));
        return operations;
    }

    /// <summary>Path values; no NUL (%00): Kestrel refuses such a request line itself, before the app (and the test server cannot send one).</summary>
    private static readonly Gen<string> PathValue = Gen.OneOf(
        Gen.OneOf("p1", "0", "-1", "..", "%2e%2e", "a%2Fb", "%zz", "SECOND_FACTOR_TYPE_OTP", "99999999999999999999", " ", "%20", "项目", "%F0%9F%98%80", "%ED%A0%80"),
        Gen.String[1, 40].Select(s => Uri.EscapeDataString("v" + s.Replace("\0", "", StringComparison.Ordinal))),
        Gen.Int[200, 5000].Select(length => new string('x', length)));

    private static readonly Gen<string> JsonScalar = Gen.OneOf(
        Gen.OneOf("null", "true", "false", "0", "-1", "1e400", "1.5", "99999999999999999999999", "\"\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"SECOND_FACTOR_TYPE_OTP\"", "\"vmfa\"", "\"123456\"", "[]", "{}"),
        Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.String[0, 30].Select(s => JsonSerializer.Serialize(s)),
        Gen.Int[300, 3000].Select(length => JsonSerializer.Serialize(new string('y', length))));

    private static Gen<string> Body(Operation operation)
    {
        var names = operation.Fields.Count == 0 ? ["a"] : operation.Fields;
        var field = Gen.OneOf(Gen.OneOf([.. names]), Gen.OneOf("", "\\ud800", "unknown_field", "__proto__"));
        var member = Gen.Select(field, JsonScalar, (name, value) => $"\"{name}\":{value}");
        var flat = member.Array[0, 6].Select(members => "{" + string.Join(',', members) + "}");
        var nestedInField = Gen.Select(field, flat, (name, inner) => "{\"" + name + "\":" + inner + "}");
        var duplicate = Gen.Select(field, JsonScalar, JsonScalar, (name, first, second) => $"{{\"{name}\":{first},\"{name}\":{second}}}");
        var deep = Gen.Int[60, 300].Select(depth => new string('[', depth) + new string(']', depth));
        var deepObject = Gen.Int[60, 200].Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
        var malformed = Gen.OneOf("{", "{\"a\":", "[1,2", "nul", "{'a':1}", "{\"a\":1,}", "\u0000", "{\"a\":\"\\x\"}", "{\"a\":01}", "", " ", "\ufeff{}");
        return Gen.Frequency(
            (6, flat),
            (2, nestedInField),
            (2, duplicate),
            (1, deep),
            (1, deepObject),
            (2, malformed),
            (2, JsonScalar));
    }

    private static readonly Gen<string?> ContentTypes = Gen.OneOf<string?>(
        "application/json", "application/json", "application/json; charset=utf-8", "application/json; charset=utf8", "application/json; charset=\"UTF-8\"",
        "application/json; charset=utf-7", "application/json; charset=bogus", "application/json; charset=", "application/json; charset=utf-16",
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "application/merge-patch+json", "multipart/form-data; boundary=x", "application/grpc", null);

    private static Gen<HostileCall> Calls(IReadOnlyList<Operation> operations) =>
        from operation in Gen.OneOf([.. operations])
        from values in PathValue.Array[4]
        from query in Gen.OneOf(Gen.Const(""), QueryOf(operation))
        from contentType in ContentTypes
        from body in Gen.Frequency((1, Gen.Const((string?)null)), (8, Body(operation).Select(b => (string?)b)))
        from encoding in Gen.Frequency((9, Gen.Const("utf-8")), (1, Gen.Const("utf-16")), (1, Gen.Const("latin1-junk")))
        from oversized in Gen.Frequency((30, Gen.Const(false)), (1, Gen.Const(true)))
        from validCredentials in Gen.Frequency((4, Gen.Const(true)), (1, Gen.Const(false)))
        from junk in Gen.OneOf("", "Bearer", "Bearer ", "Basic eA==", "SDK-HMAC-SHA256 Access=x, SignedHeaders=host, Signature=zz", "MIIjunk", new string('t', 40_000))
        select new HostileCall(operation, Fill(operation.Path, values), query, contentType,
            Encode(oversized ? "{\"a\":\"" + new string('z', 1_100_000) + "\"}" : body, encoding), validCredentials, junk);

    private static Gen<string> QueryOf(Operation operation) =>
        Gen.Select(Gen.OneOf([.. operation.Query.Append("limit").Append("marker").Append("access_token")]), PathValue,
            (name, value) => $"?{name}={value}");

    private static string Fill(string template, string[] values)
    {
        var index = 0;
        var path = System.Text.RegularExpressions.Regex.Replace(template, "\\{[^}]+\\}", _ => values[index++ % values.Length]);
        return Uri.TryCreate("http://localhost" + path, UriKind.Absolute, out _) ? path : Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal);
    }

    private static byte[]? Encode(string? body, string encoding) => body is null ? null : encoding switch
    {
        "utf-16" => Encoding.Unicode.GetBytes(body),
        "latin1-junk" => [.. Encoding.UTF8.GetBytes(body), 0xC3, 0x28, 0xFF],
        _ => Encoding.UTF8.GetBytes(body),
    };

    private static HttpRequestMessage RequestOf(HostileCall call)
    {
        var request = new HttpRequestMessage(new HttpMethod(call.Operation.Method), call.Path + call.Query);
        if (call.Body is not null)
        {
            request.Content = new ByteArrayContent(call.Body);
            if (call.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", call.ContentType);
            }
        }
        if (call.ValidCredentials)
        {
            request.Headers.TryAddWithoutValidation("X-Auth-Token", DefaultHuaweiAccount.AdminToken);
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + DefaultZitadelInstance.OwnerPat);
        }
        else
        {
            request.Headers.TryAddWithoutValidation("X-Auth-Token", call.Junk);
            request.Headers.TryAddWithoutValidation("Authorization", call.Junk);
            request.Headers.TryAddWithoutValidation("x-zitadel-orgid", call.Junk.Length > 100 ? "1" : call.Junk);
        }
        return request;
    }

    private static void AssertEnvelope(string family, HttpResponseMessage response, byte[] bytes, HostileCall call)
    {
        using var body = JsonDocument.Parse(bytes);
        var root = body.RootElement;
        var names = root.ValueKind == JsonValueKind.Object ? root.EnumerateObject().Select(p => p.Name).ToHashSet() : [];
        var shaped = family switch
        {
            "Huawei HSS v5" or "Huawei IAM v3.0" => names.SetEquals(["error_code", "error_msg"]) || names.SetEquals(["error_code", "error_msg", "request_id"]),
            "Huawei IAM v5" => names.IsSupersetOf(["error_code", "error_msg", "request_id"]),
            "Huawei IAM Keystone v3" => names.SetEquals(["error"]) && root.GetProperty("error").TryGetProperty("code", out _) && root.GetProperty("error").TryGetProperty("message", out _),
            "ZITADEL" => names.IsSupersetOf(["code", "message"]) && root.GetProperty("code").ValueKind == JsonValueKind.Number,
            _ => response.Content.Headers.ContentType?.MediaType == "application/problem+json" && names.IsSupersetOf(["status", "title"]),
        };
        Assert.True(shaped, $"{(int)response.StatusCode} for {call} is not in the {family} envelope: {root}");
        Assert.True(response.Headers.Contains("X-Request-Id"), $"no X-Request-Id for {call}");
    }
}
