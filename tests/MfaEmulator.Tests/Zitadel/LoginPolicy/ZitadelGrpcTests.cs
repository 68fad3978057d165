using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using MfaEmulator.Testing;
using Zitadel.Management.V1;
using ErrorDetail = Zitadel.V1.ErrorDetail;
using MultiFactorType = Zitadel.Policy.V1.MultiFactorType;
using SecondFactorType = Zitadel.Policy.V1.SecondFactorType;
using ZitadelRoles = MfaEmulator.Zitadel.ZitadelRoles;

namespace MfaEmulator.Tests.Zitadel.LoginPolicy;

/// <summary>
/// ZITADEL's login policy over native gRPC (its own HTTP/2 port) and gRPC-web (the main port) with Grpc.Net.Client,
/// against the emulator listening on real loopback sockets, and the same story over REST, gRPC and gRPC-web giving
/// the same state.
/// </summary>
public sealed class ZitadelGrpcTests : IAsyncLifetime
{
    private MfaEmulatorServer _server = null!;

    public async Task InitializeAsync() => _server = await MfaEmulatorServer.StartAsync(new MfaEmulatorSettings { Strict = true });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ManagementService.ManagementServiceClient Native(out GrpcChannel channel)
    {
        channel = GrpcChannel.ForAddress(_server.GrpcAddress);
        return new ManagementService.ManagementServiceClient(channel);
    }

    private ManagementService.ManagementServiceClient Web(out GrpcChannel channel)
    {
        channel = GrpcChannel.ForAddress(_server.BaseAddress, new GrpcChannelOptions
        {
            // The main port speaks HTTP/1.1, as a browser reaching a plain http:// address does.
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new HttpClientHandler()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        return new ManagementService.ManagementServiceClient(channel);
    }

    private static Metadata As(ZitadelOrg org) => new() { { "authorization", $"Bearer {org.Token}" }, { "x-zitadel-orgid", org.OrgId } };

    [Fact]
    public async Task A_second_factor_added_twice_is_AlreadyExists_with_its_ErrorDetail_on_both_transports()
    {
        foreach (var web in new[] { false, true })
        {
            var org = await _server.Control.CreateZitadelOrgAsync($"grpc-{web}");
            var client = web ? Web(out var channel) : Native(out channel);
            using (channel)
            {
                var added = await client.AddSecondFactorToLoginPolicyAsync(new AddSecondFactorToLoginPolicyRequest { Type = SecondFactorType.Otp }, As(org));
                var again = await Assert.ThrowsAsync<RpcException>(() =>
                    client.AddSecondFactorToLoginPolicyAsync(new AddSecondFactorToLoginPolicyRequest { Type = SecondFactorType.Otp }, As(org)).ResponseAsync);

                Assert.Equal(org.OrgId, added.Details.ResourceOwner);
                Assert.True(added.Details.Sequence > 0);
                Assert.NotNull(added.Details.CreationDate);
                Assert.Null(added.Details.ChangeDate);
                Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
                Assert.Equal("Multifactor already exists (Org-2B0ps)", again.Status.Detail);
                var detail = Assert.Single(again.GetRpcStatus()!.Details).Unpack<ErrorDetail>();
                Assert.Equal(("Org-2B0ps", "Multifactor already exists"), (detail.Id, detail.Message));
            }
        }
        // The journal has each call's gRPC status (HTTP 200 for all four); verification matches on it.
        const string Path = "/zitadel.management.v1.ManagementService/AddSecondFactorToLoginPolicy";
        await _server.Control.VerifyAsync(new RequestPattern(Method: "POST", Path: Path, GrpcStatus: 0), times: 2);
        var conflicts = await _server.Control.FindRequestsAsync(new RequestPattern(Path: Path, GrpcStatus: 6));
        Assert.Equal(2, conflicts.Count);
        Assert.All(conflicts, call => Assert.Equal(200, call.Status));
        Assert.All(conflicts, call => Assert.Equal("Bearer ***", call.Headers.First(h => h.Key.Equals("authorization", StringComparison.OrdinalIgnoreCase)).Value));
    }

    [Fact]
    public async Task Auth_errors_carry_the_same_codes_and_ids_as_the_REST_gateway()
    {
        var org = await _server.Control.CreateZitadelOrgAsync("grpc-auth");
        var viewer = await _server.Control.IssueZitadelTokenAsync(org.OrgId, ZitadelRoles.OrgOwnerViewer);
        var client = Native(out var channel);
        using var _ = channel;
        var request = new AddSecondFactorToLoginPolicyRequest { Type = SecondFactorType.U2F };

        var missing = await Assert.ThrowsAsync<RpcException>(() => client.AddSecondFactorToLoginPolicyAsync(request).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            client.AddSecondFactorToLoginPolicyAsync(request, new Metadata { { "authorization", "Bearer nope" } }).ResponseAsync);
        var noOrg = await Assert.ThrowsAsync<RpcException>(() =>
            client.AddSecondFactorToLoginPolicyAsync(request, new Metadata { { "authorization", $"Bearer {org.Token}" }, { "x-zitadel-orgid", "999999999999999999" } }).ResponseAsync);
        var readOnly = await Assert.ThrowsAsync<RpcException>(() =>
            client.AddSecondFactorToLoginPolicyAsync(request, new Metadata { { "authorization", $"Bearer {viewer}" }, { "x-zitadel-orgid", org.OrgId } }).ResponseAsync);
        var invalid = await Assert.ThrowsAsync<RpcException>(() =>
            client.AddSecondFactorToLoginPolicyAsync(new AddSecondFactorToLoginPolicyRequest(), As(org)).ResponseAsync);
        var listed = await client.ListLoginPolicySecondFactorsAsync(new ListLoginPolicySecondFactorsRequest(),
            new Metadata { { "authorization", $"Bearer {viewer}" }, { "x-zitadel-orgid", org.OrgId } });

        Assert.Equal((StatusCode.Unauthenticated, "auth header missing"), (missing.StatusCode, missing.Status.Detail));
        Assert.Null(missing.GetRpcStatus());
        Assert.Equal((StatusCode.Unauthenticated, "Token is invalid (AUTH-7fs1e)"), (unknown.StatusCode, unknown.Status.Detail));
        Assert.Equal((StatusCode.PermissionDenied, "Organisation doesn't exist (AUTH-Bs7Ds)"), (noOrg.StatusCode, noOrg.Status.Detail));
        Assert.Equal((StatusCode.PermissionDenied, "No matching permissions found (AUTH-5mWD2)"), (readOnly.StatusCode, readOnly.Status.Detail));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal("invalid AddSecondFactorToLoginPolicyRequest.Type: value must not be in list [0]", invalid.Status.Detail);
        Assert.Null(invalid.GetRpcStatus());
        Assert.Equal([SecondFactorType.Otp, SecondFactorType.U2F], listed.Result);
        Assert.Equal(2UL, listed.Details.TotalResult);
        Assert.True(listed.Details.ProcessedSequence > 0);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task The_REST_gateway_reads_any_media_type_as_JSON(string? mediaType)
    {
        var org = await _server.Control.CreateZitadelOrgAsync("media-types");
        using var http = _server.CreateClient();
        var content = new ByteArrayContent("{\"type\":\"SECOND_FACTOR_TYPE_OTP_SMS\"}"u8.ToArray());
        if (mediaType is not null)
        {
            content.Headers.ContentType = new(mediaType);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "management/v1/policies/login/second_factors") { Content = content };
        request.Headers.Add("Authorization", $"Bearer {org.Token}");
        request.Headers.Add("x-zitadel-orgid", org.OrgId);

        using var response = await http.SendAsync(request);

        Assert.True(HttpStatusCode.OK == response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(org.OrgId, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("details").GetProperty("resourceOwner").GetString());
    }

    [Fact]
    public async Task Server_reflection_lists_the_ZITADEL_services_on_the_gRPC_port()
    {
        using var channel = GrpcChannel.ForAddress(_server.GrpcAddress);
        var reflection = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(channel);
        using var call = reflection.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("zitadel.management.v1.ManagementService", services);
        Assert.Contains("zitadel.admin.v1.AdminService", services);
    }

    [Fact]
    public async Task Native_gRPC_over_HTTP_1_1_on_the_main_port_is_what_grpc_dotnet_answers()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "zitadel.management.v1.ManagementService/GetLoginPolicy")
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new("application/grpc");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Equal("13", response.Headers.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task A_gRPC_web_preflight_from_a_browser_origin_is_allowed()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Options, "zitadel.management.v1.ManagementService/AddSecondFactorToLoginPolicy");
        request.Headers.Add("Origin", "http://localhost:3000");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-grpc-web,authorization,x-zitadel-orgid");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://localhost:3000", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-zitadel-orgid", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Only the gRPC services carry a CORS policy; the REST gateway routes answer a browser origin without CORS headers.</summary>
    [Fact]
    public async Task A_gRPC_web_call_from_a_browser_origin_is_allowed_and_a_REST_call_gets_no_CORS_headers()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        using var grpcWeb = new HttpRequestMessage(HttpMethod.Post, "zitadel.management.v1.ManagementService/AddSecondFactorToLoginPolicy") { Content = new ByteArrayContent([0, 0, 0, 0, 0]) };
        grpcWeb.Content.Headers.ContentType = new("application/grpc-web");
        grpcWeb.Headers.Add("Origin", "http://localhost:3000");
        using var rest = new HttpRequestMessage(HttpMethod.Post, "management/v1/policies/login/second_factors/_search") { Content = new StringContent("{}") };
        rest.Headers.Add("Origin", "http://localhost:3000");

        using var grpcWebResponse = await http.SendAsync(grpcWeb);
        using var restResponse = await http.SendAsync(rest);

        Assert.Equal("http://localhost:3000", grpcWebResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.Unauthorized, restResponse.StatusCode);
        Assert.False(restResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }

    /// <summary>One story, three transports: each org ends in the same visible state.</summary>
    [Fact]
    public async Task The_same_story_over_REST_gRPC_and_gRPC_web_leaves_the_same_state()
    {
        var states = new List<string>();
        foreach (var transport in new[] { "rest", "grpc", "grpc-web" })
        {
            var org = await _server.Control.CreateZitadelOrgAsync(transport);
            if (transport == "rest")
            {
                await RestStory(org);
            }
            else
            {
                var client = transport == "grpc" ? Native(out var channel) : Web(out channel);
                using (channel)
                {
                    await GrpcStory(client, As(org));
                }
            }
            states.Add(await VisibleState(org));
        }

        Assert.Equal(states[0], states[1]);
        Assert.Equal(states[0], states[2]);
        Assert.Contains("\"secondFactors\":[\"SECOND_FACTOR_TYPE_OTP_EMAIL\"]", states[0], StringComparison.Ordinal);
    }

    private static async Task GrpcStory(ManagementService.ManagementServiceClient client, Metadata org)
    {
        await client.AddCustomLoginPolicyAsync(new AddCustomLoginPolicyRequest
        {
            AllowUsernamePassword = true,
            ForceMfa = true,
            DefaultRedirectUri = "localhost:8080",
            PasswordCheckLifetime = Duration.FromTimeSpan(TimeSpan.FromHours(1)),
            SecondFactors = { SecondFactorType.Otp },
            MultiFactors = { MultiFactorType.U2FWithVerification },
        }, org);
        await client.AddSecondFactorToLoginPolicyAsync(new AddSecondFactorToLoginPolicyRequest { Type = SecondFactorType.OtpEmail }, org);
        await client.RemoveSecondFactorFromLoginPolicyAsync(new RemoveSecondFactorFromLoginPolicyRequest { Type = SecondFactorType.Otp }, org);
        await client.RemoveMultiFactorFromLoginPolicyAsync(new RemoveMultiFactorFromLoginPolicyRequest { Type = MultiFactorType.U2FWithVerification }, org);
        await client.UpdateCustomLoginPolicyAsync(new UpdateCustomLoginPolicyRequest
        {
            AllowUsernamePassword = true,
            AllowRegister = true,
            DefaultRedirectUri = "localhost:8080",
            PasswordCheckLifetime = Duration.FromTimeSpan(TimeSpan.FromHours(6)),
        }, org);
    }

    private async Task RestStory(ZitadelOrg org)
    {
        using var http = _server.CreateClient();
        async Task Send(HttpMethod method, string path, object? body = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Add("Authorization", $"Bearer {org.Token}");
            request.Headers.Add("x-zitadel-orgid", org.OrgId);
            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        await Send(HttpMethod.Post, "management/v1/policies/login", new
        {
            allowUsernamePassword = true,
            forceMfa = true,
            defaultRedirectUri = "localhost:8080",
            passwordCheckLifetime = "3600s",
            secondFactors = new[] { "SECOND_FACTOR_TYPE_OTP" },
            multiFactors = new[] { "MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION" },
        });
        await Send(HttpMethod.Post, "management/v1/policies/login/second_factors", new { type = "SECOND_FACTOR_TYPE_OTP_EMAIL" });
        await Send(HttpMethod.Delete, "management/v1/policies/login/second_factors/SECOND_FACTOR_TYPE_OTP");
        await Send(HttpMethod.Delete, "management/v1/policies/login/multi_factors/1");
        await Send(HttpMethod.Put, "management/v1/policies/login", new { allowUsernamePassword = true, allowRegister = true, defaultRedirectUri = "localhost:8080", passwordCheckLifetime = "21600s" });
    }

    /// <summary>The org's policy as REST reads it, minus what differs by org (ids, dates, sequence).</summary>
    private async Task<string> VisibleState(ZitadelOrg org)
    {
        using var http = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "management/v1/policies/login");
        request.Headers.Add("Authorization", $"Bearer {org.Token}");
        request.Headers.Add("x-zitadel-orgid", org.OrgId);
        using var response = await http.SendAsync(request);
        var body = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("policy");
        var fields = body.EnumerateObject().Where(p => p.Name != "details").Select(p => $"\"{p.Name}\":{p.Value.GetRawText()}");
        return "{" + string.Join(",", fields) + "}";
    }
}
