using System.Net;
using System.Text.Json;
using MfaEmulator.Tests.Infrastructure;
using MfaEmulator.Zitadel;
using static MfaEmulator.Tests.Zitadel.LoginPolicy.ZitadelHttp;

namespace MfaEmulator.Tests.Zitadel.LoginPolicy;

/// <summary>Lenient mode: any well-formed bearer token is an owner of the org it targets. Each test makes its own org.</summary>
public sealed class ZitadelLoginPolicyEndpointsTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    private const string Otp = "SECOND_FACTOR_TYPE_OTP";
    private const string U2F = "SECOND_FACTOR_TYPE_U2F";
    private const string OtpEmail = "SECOND_FACTOR_TYPE_OTP_EMAIL";
    private const string OtpSms = "SECOND_FACTOR_TYPE_OTP_SMS";
    private const string AnyBearer = "Bearer MIIAnyWellFormedToken";

    private readonly EmulatorFactory _factory = factory;
    private readonly HttpClient _client = factory.CreateClient();

    private Task<HttpResponseMessage> AddFactor(TestOrg org, string type) =>
        _client.ZitadelAsync(HttpMethod.Post, SecondFactors, Bearer(org.Token), new { type });

    /// <summary>Posts a JSON body exactly as written.</summary>
    private Task<HttpResponseMessage> PostFactorBody(TestOrg org, string json) =>
        _client.ZitadelAsync(HttpMethod.Post, SecondFactors, Bearer(org.Token), json);

    private Task<HttpResponseMessage> RemoveFactor(TestOrg org, string type) =>
        _client.ZitadelAsync(HttpMethod.Delete, $"{SecondFactors}/{type}", Bearer(org.Token));

    private Task<JsonElement> ListFactors(TestOrg org) =>
        _client.ZitadelAsync(HttpMethod.Post, SecondFactorsSearch, Bearer(org.Token), "{}").OkBody();

    private Task<JsonElement> GetPolicy(TestOrg org) =>
        _client.ZitadelAsync(HttpMethod.Get, OrgLoginPolicy, Bearer(org.Token)).OkBody();

    private Task<HttpResponseMessage> AddCustomPolicy(TestOrg org, object body) =>
        _client.ZitadelAsync(HttpMethod.Post, OrgLoginPolicy, Bearer(org.Token), body);

    [Fact]
    public async Task The_seed_example_adds_OTP_and_answers_sequence_creation_date_and_resource_owner()
    {
        var org = await _client.CreateOrgAsync();
        _factory.Clock.Freeze(new DateTimeOffset(2025, 5, 14, 8, 13, 42, 918, 212, TimeSpan.Zero));
        try
        {
            var response = await PostFactorBody(org, """{"type": "SECOND_FACTOR_TYPE_OTP"}""");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.JsonBody();
            Assert.Equal(["details"], body.PropertyNames());
            var details = body.GetProperty("details");
            Assert.Equal(["creationDate", "resourceOwner", "sequence"], details.PropertyNames());
            Assert.Equal(JsonValueKind.String, details.GetProperty("sequence").ValueKind);
            Assert.Equal("6", details.Str("sequence"));
            Assert.Equal("2025-05-14T08:13:42.918212Z", details.Str("creationDate"));
            Assert.Equal(org.Id, details.Str("resourceOwner"));
            Assert.Matches("^[1-9][0-9]{17}$", org.Id);
            var again = await AddFactor(org, Otp);
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }
        finally
        {
            _factory.Clock.UseSystemTime();
        }
    }

    [Fact]
    public async Task Adding_a_factor_the_org_already_has_is_409_Org_2B0ps()
    {
        var org = await _client.CreateOrgAsync();
        await AddFactor(org, U2F);

        var response = await AddFactor(org, U2F);

        await response.AssertZitadelError(HttpStatusCode.Conflict, 6, "Multifactor already exists", "Org-2B0ps");
        Assert.Equal(7UL, (await AddFactor(org, Otp).OkBody()).Sequence());
    }

    [Fact]
    public async Task Removing_a_factor_the_org_does_not_have_is_404_Org_3M9od()
    {
        var org = await _client.CreateOrgAsync();

        var response = await RemoveFactor(org, OtpSms);

        await response.AssertZitadelError(HttpStatusCode.NotFound, 5, "Multifactor not existing", "Org-3M9od");
        Assert.Equal(6UL, (await AddFactor(org, OtpSms).OkBody()).Sequence());
    }

    [Theory]
    [InlineData(OtpEmail)]
    [InlineData("3")]
    public async Task A_factor_is_removed_by_name_or_by_number(string pathValue)
    {
        var org = await _client.CreateOrgAsync();
        await AddCustomPolicy(org, new { secondFactors = new[] { OtpEmail } }).OkBody();

        var response = await RemoveFactor(org, pathValue);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var details = (await response.JsonBody()).GetProperty("details");
        Assert.Equal(["changeDate", "resourceOwner", "sequence"], details.PropertyNames());
        Assert.Equal(org.Id, details.Str("resourceOwner"));
        Assert.Equal("8", details.Str("sequence"));
        var list = await ListFactors(org);
        Assert.Equal(["details"], list.PropertyNames());
        Assert.Equal(["processedSequence", "viewTimestamp"], list.GetProperty("details").PropertyNames());
        Assert.Equal("8", list.GetProperty("details").Str("processedSequence"));
        Assert.Equal(HttpStatusCode.OK, (await AddFactor(org, OtpEmail)).StatusCode);
    }

    [Theory]
    [InlineData("""{"type":"SECOND_FACTOR_TYPE_UNSPECIFIED"}""", "value must not be in list [0]")]
    [InlineData("""{"type":0}""", "value must not be in list [0]")]
    [InlineData("{}", "value must not be in list [0]")]
    [InlineData("""{"type":null}""", "value must not be in list [0]")]
    [InlineData("""{"type":"TOTP"}""", "value must not be in list [0]")]
    [InlineData("""{"type":"1"}""", "value must not be in list [0]")]
    [InlineData("""{"type":99}""", "value must be one of the defined enum values")]
    [InlineData("""{"type":-1}""", "value must be one of the defined enum values")]
    public async Task An_unset_unknown_or_undefined_type_is_400_with_the_validation_message_and_no_details(string body, string reason)
    {
        var org = await _client.CreateOrgAsync();

        var response = await PostFactorBody(org, body);

        await response.AssertZitadelError(HttpStatusCode.BadRequest, 3, $"invalid AddSecondFactorToLoginPolicyRequest.Type: {reason}");
        Assert.Equal(6UL, (await AddFactor(org, Otp).OkBody()).Sequence());
    }

    [Theory]
    [InlineData("2")]
    [InlineData("2.0")]
    public async Task The_type_may_be_a_JSON_number(string number)
    {
        var org = await _client.CreateOrgAsync();
        await AddCustomPolicy(org, new { }).OkBody();

        var response = await PostFactorBody(org, $$"""{"type":{{number}}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([U2F], (await ListFactors(org)).Strings("result"));
    }

    [Theory]
    [InlineData("""{"type":""")]
    [InlineData("""{"type":true}""")]
    [InlineData("""{"type":1.5}""")]
    [InlineData("""{"type":{}}""")]
    public async Task A_body_the_gateway_cannot_decode_is_400_code_3_without_details(string body)
    {
        var org = await _client.CreateOrgAsync();

        var response = await PostFactorBody(org, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.JsonBody();
        Assert.Equal(["code", "message"], error.PropertyNames());
        Assert.Equal(3, error.GetProperty("code").GetInt32());
        Assert.StartsWith("proto: ", error.Str("message"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OTP", "type mismatch, parameter: type, error: OTP is not valid")]
    [InlineData("99", "type mismatch, parameter: type, error: 99 is not valid")]
    [InlineData("-1", "type mismatch, parameter: type, error: -1 is not valid")]
    [InlineData("SECOND_FACTOR_TYPE_UNSPECIFIED", "invalid RemoveSecondFactorFromLoginPolicyRequest.Type: value must not be in list [0]")]
    [InlineData("0", "invalid RemoveSecondFactorFromLoginPolicyRequest.Type: value must not be in list [0]")]
    public async Task A_path_type_that_is_no_defined_factor_is_400_code_3_without_details(string pathValue, string message)
    {
        var org = await _client.CreateOrgAsync();

        var response = await RemoveFactor(org, pathValue);

        await response.AssertZitadelError(HttpStatusCode.BadRequest, 3, message);
    }

    [Fact]
    public async Task A_request_without_an_Authorization_header_is_401_code_16_without_details()
    {
        var response = await _client.ZitadelAsync(HttpMethod.Post, SecondFactors, authorization: null, new { type = Otp });

        await response.AssertZitadelError(HttpStatusCode.Unauthorized, 16, "auth header missing");
        Assert.Equal("auth header missing", response.WwwAuthenticate());
    }

    [Theory]
    [InlineData("Basic eHl6OnNlY3JldA==")]
    [InlineData("bearer lower-case-scheme")]
    public async Task An_Authorization_header_that_is_not_Bearer_is_401_AUTH_7fs1e(string authorization)
    {
        var response = await _client.ZitadelAsync(HttpMethod.Post, SecondFactors, authorization, new { type = Otp });

        await response.AssertZitadelError(HttpStatusCode.Unauthorized, 16, "invalid auth header", "AUTH-7fs1e");
        Assert.Equal("invalid auth header (AUTH-7fs1e)", response.WwwAuthenticate());
    }

    [Fact]
    public async Task Credentials_are_checked_before_the_request_is_validated()
    {
        var response = await _client.ZitadelAsync(HttpMethod.Post, SecondFactors, authorization: null, """{"type":0}""");

        await response.AssertZitadelError(HttpStatusCode.Unauthorized, 16, "auth header missing");
    }

    [Fact]
    public async Task An_x_zitadel_orgid_naming_no_org_is_403_AUTH_Bs7Ds()
    {
        var response = await _client.ZitadelAsync(HttpMethod.Post, SecondFactors, AnyBearer, new { type = Otp }, orgId: "999999999999999999");

        await response.AssertZitadelError(HttpStatusCode.Forbidden, 7, "Organisation doesn't exist", "AUTH-Bs7Ds");
    }

    [Fact]
    public async Task Any_bearer_token_acts_in_the_org_x_zitadel_orgid_names_and_otherwise_in_the_default_org()
    {
        var org = await _client.CreateOrgAsync();

        var named = await _client.ZitadelAsync(HttpMethod.Post, SecondFactors, AnyBearer, new { type = OtpSms }, orgId: org.Id).OkBody();
        var unnamed = await _client.ZitadelAsync(HttpMethod.Post, SecondFactorsSearch, AnyBearer).OkBody();

        Assert.Equal(org.Id, named.GetProperty("details").Str("resourceOwner"));
        Assert.Equal(HttpStatusCode.Conflict, (await AddFactor(org, OtpSms)).StatusCode);
        Assert.Contains(Otp, unnamed.Strings("result"));
        var defaultOrg = await _client.ZitadelAsync(HttpMethod.Get, OrgLoginPolicy, Bearer(DefaultZitadelInstance.OwnerPat)).OkBody();
        Assert.True(defaultOrg.GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task The_sequence_is_the_orgs_event_counter_and_only_grows()
    {
        var org = await _client.CreateOrgAsync();

        var first = (await AddFactor(org, Otp).OkBody()).Sequence();
        var second = (await AddFactor(org, U2F).OkBody()).Sequence();
        var third = (await RemoveFactor(org, Otp).OkBody()).Sequence();
        var fourth = (await AddCustomPolicy(org, new { secondFactors = new[] { OtpEmail, OtpSms } }).OkBody()).Sequence();

        // Org creation is 5 events; the custom policy is one event plus one per listed factor.
        Assert.Equal(new[] { 6UL, 7UL, 8UL, 11UL }, new[] { first, second, third, fourth });
        var policy = (await GetPolicy(org)).GetProperty("policy");
        Assert.Equal("11", policy.GetProperty("details").Str("sequence"));
    }

    [Fact]
    public async Task Without_a_custom_policy_an_added_factor_is_accepted_but_the_org_still_sees_the_default()
    {
        var org = await _client.CreateOrgAsync();

        var response = await AddFactor(org, OtpEmail);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await ListFactors(org);
        Assert.Equal(["details", "result"], list.PropertyNames());
        Assert.Equal(["processedSequence", "totalResult", "viewTimestamp"], list.GetProperty("details").PropertyNames());
        var factors = list.Strings("result");
        Assert.Equal(factors.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), list.GetProperty("details").Str("totalResult"));
        Assert.Contains(Otp, factors);
        Assert.Contains(U2F, factors);
        Assert.DoesNotContain(OtpEmail, factors);
        var policy = await GetPolicy(org);
        Assert.Equal(["isDefault", "policy"], policy.PropertyNames());
        Assert.True(policy.GetProperty("isDefault").GetBoolean());
        Assert.True(policy.GetProperty("policy").GetProperty("isDefault").GetBoolean());
        Assert.Equal(DefaultZitadelInstance.InstanceId, policy.GetProperty("policy").GetProperty("details").Str("resourceOwner"));
        Assert.Equal(HttpStatusCode.Conflict, (await AddFactor(org, OtpEmail)).StatusCode);
    }

    [Fact]
    public async Task After_a_custom_policy_is_added_its_factors_and_later_additions_show()
    {
        var org = await _client.CreateOrgAsync();

        var created = await AddCustomPolicy(org, new { allowUsernamePassword = true, secondFactors = new[] { U2F } });
        var added = await AddFactor(org, Otp);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var createdDetails = (await created.JsonBody()).GetProperty("details");
        Assert.Equal(["creationDate", "resourceOwner", "sequence"], createdDetails.PropertyNames());
        Assert.Equal(org.Id, createdDetails.Str("resourceOwner"));
        Assert.Equal("7", createdDetails.Str("sequence"));
        Assert.Equal("8", (await added.JsonBody()).GetProperty("details").Str("sequence"));
        var list = await ListFactors(org);
        Assert.Equal([U2F, Otp], list.Strings("result"));
        Assert.Equal("2", list.GetProperty("details").Str("totalResult"));
        var response = await GetPolicy(org);
        Assert.Equal(["policy"], response.PropertyNames());
        var policy = response.GetProperty("policy");
        Assert.Equal(
            ["allowUsernamePassword", "details", "externalLoginCheckLifetime", "mfaInitSkipLifetime", "multiFactorCheckLifetime", "passwordCheckLifetime", "secondFactorCheckLifetime", "secondFactors"],
            policy.PropertyNames());
        Assert.Equal(["changeDate", "creationDate", "resourceOwner", "sequence"], policy.GetProperty("details").PropertyNames());
        Assert.Equal(org.Id, policy.GetProperty("details").Str("resourceOwner"));
        Assert.Equal("8", policy.GetProperty("details").Str("sequence"));
        Assert.True(policy.GetProperty("allowUsernamePassword").GetBoolean());
        Assert.Equal("0s", policy.Str("passwordCheckLifetime"));
        Assert.Equal([U2F, Otp], policy.Strings("secondFactors"));
    }

    [Fact]
    public async Task A_factor_added_before_the_custom_policy_stays_active_but_is_not_shown()
    {
        var org = await _client.CreateOrgAsync();
        await AddFactor(org, OtpSms).OkBody();

        await AddCustomPolicy(org, new { secondFactors = new[] { U2F } }).OkBody();

        Assert.Equal([U2F], (await ListFactors(org)).Strings("result"));
        await (await AddFactor(org, OtpSms)).AssertZitadelError(HttpStatusCode.Conflict, 6, "Multifactor already exists", "Org-2B0ps");
        Assert.Equal(HttpStatusCode.OK, (await RemoveFactor(org, OtpSms)).StatusCode);
        Assert.Equal([U2F], (await ListFactors(org)).Strings("result"));
    }

    [Fact]
    public async Task The_custom_policy_takes_proto_field_names_as_well_as_JSON_names()
    {
        var org = await _client.CreateOrgAsync();

        await AddCustomPolicy(org, """{"allow_register":true,"passwordless_type":"PASSWORDLESS_TYPE_ALLOWED","password_check_lifetime":"3600.5s","second_factors":["SECOND_FACTOR_TYPE_OTP","NO_SUCH_FACTOR"],"defaultRedirectUri":"https://app.example.com/home"}""").OkBody();

        var policy = (await GetPolicy(org)).GetProperty("policy");
        Assert.True(policy.GetProperty("allowRegister").GetBoolean());
        Assert.False(policy.TryGetProperty("allowUsernamePassword", out _));
        Assert.Equal("PASSWORDLESS_TYPE_ALLOWED", policy.Str("passwordlessType"));
        Assert.Equal("3600.500s", policy.Str("passwordCheckLifetime"));
        Assert.Equal("https://app.example.com/home", policy.Str("defaultRedirectUri"));
        Assert.Equal([Otp], policy.Strings("secondFactors"));
    }

    [Theory]
    [InlineData("""{"secondFactors":["SECOND_FACTOR_TYPE_UNSPECIFIED"]}""", "Multifactor invalid", "Org-SFeea")]
    [InlineData("""{"secondFactors":[99]}""", "Multifactor invalid", "Org-SFeea")]
    [InlineData("""{"multiFactors":[0]}""", "Multifactor invalid", "Org-WSfrg")]
    [InlineData("""{"defaultRedirectUri":"no uri"}""", "Default Redirect URI is invalid", "Org-WSfdq")]
    [InlineData("""{"passwordlessType":5}""", "invalid AddCustomLoginPolicyRequest.PasswordlessType: value must be one of the defined enum values", null)]
    [InlineData("""{"passwordCheckLifetime":"10d"}""", "proto: invalid google.protobuf.Duration value \"10d\"", null)]
    public async Task An_invalid_custom_policy_is_400_code_3_and_nothing_is_written(string body, string text, string? id)
    {
        var org = await _client.CreateOrgAsync();

        var response = await AddCustomPolicy(org, body);

        await response.AssertZitadelError(HttpStatusCode.BadRequest, 3, text, id);
        Assert.True((await GetPolicy(org)).GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task Adding_a_custom_policy_twice_is_409_Org_Dgfb2()
    {
        var org = await _client.CreateOrgAsync();
        await AddCustomPolicy(org, new { }).OkBody();

        var response = await AddCustomPolicy(org, new { allowRegister = true });

        await response.AssertZitadelError(HttpStatusCode.Conflict, 6, "Login Policy already exists", "Org-Dgfb2");
        Assert.False((await GetPolicy(org)).GetProperty("policy").TryGetProperty("allowRegister", out _));
    }

    [Fact]
    public async Task Resetting_to_the_default_removes_the_custom_policy_and_its_factor_state()
    {
        var org = await _client.CreateOrgAsync();
        await AddCustomPolicy(org, new { secondFactors = new[] { OtpEmail } }).OkBody();

        var reset = await _client.ZitadelAsync(HttpMethod.Delete, OrgLoginPolicy, Bearer(org.Token));

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var details = (await reset.JsonBody()).GetProperty("details");
        Assert.Equal(["changeDate", "resourceOwner", "sequence"], details.PropertyNames());
        Assert.Equal(org.Id, details.Str("resourceOwner"));
        Assert.Equal("8", details.Str("sequence"));
        Assert.True((await GetPolicy(org)).GetProperty("isDefault").GetBoolean());
        Assert.DoesNotContain(OtpEmail, (await ListFactors(org)).Strings("result"));
        Assert.Equal(HttpStatusCode.OK, (await AddFactor(org, OtpEmail)).StatusCode);
        var again = await _client.ZitadelAsync(HttpMethod.Delete, OrgLoginPolicy, Bearer(org.Token));
        await again.AssertZitadelError(HttpStatusCode.NotFound, 5, "Login Policy not found", "Org-GHB37");
    }

    [Fact]
    public async Task The_instance_default_policy_has_OTP_and_U2F_and_ZITADELs_default_settings()
    {
        var list = await _client.ZitadelAsync(HttpMethod.Post, AdminSecondFactorsSearch, AnyBearer).OkBody();
        var admin = await _client.ZitadelAsync(HttpMethod.Get, AdminLoginPolicy, AnyBearer).OkBody();
        var viaManagement = await _client.ZitadelAsync(HttpMethod.Get, DefaultLoginPolicy, AnyBearer).OkBody();

        Assert.Contains(Otp, list.Strings("result"));
        Assert.Contains(U2F, list.Strings("result"));
        Assert.Equal(["policy"], admin.PropertyNames());
        var policy = admin.GetProperty("policy");
        Assert.Equal(DefaultZitadelInstance.InstanceId, policy.GetProperty("details").Str("resourceOwner"));
        Assert.True(policy.GetProperty("isDefault").GetBoolean());
        Assert.True(policy.GetProperty("allowUsernamePassword").GetBoolean());
        Assert.True(policy.GetProperty("allowRegister").GetBoolean());
        Assert.True(policy.GetProperty("allowExternalIdp").GetBoolean());
        Assert.True(policy.GetProperty("allowDomainDiscovery").GetBoolean());
        Assert.False(policy.TryGetProperty("forceMfa", out _));
        Assert.Equal("PASSWORDLESS_TYPE_ALLOWED", policy.Str("passwordlessType"));
        Assert.Equal("864000s", policy.Str("passwordCheckLifetime"));
        Assert.Equal("864000s", policy.Str("externalLoginCheckLifetime"));
        Assert.Equal("2592000s", policy.Str("mfaInitSkipLifetime"));
        Assert.Equal("64800s", policy.Str("secondFactorCheckLifetime"));
        Assert.Equal("43200s", policy.Str("multiFactorCheckLifetime"));
        Assert.Equal(["MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION"], policy.Strings("multiFactors"));
        Assert.Equal(policy.GetRawText(), viaManagement.GetProperty("policy").GetRawText());
    }

    [Fact]
    public async Task The_admin_API_adds_and_removes_factors_of_the_default_which_orgs_without_a_policy_see()
    {
        var org = await _client.CreateOrgAsync();

        var added = await _client.ZitadelAsync(HttpMethod.Post, AdminSecondFactors, AnyBearer, new { type = OtpSms });
        var addedAgain = await _client.ZitadelAsync(HttpMethod.Post, AdminSecondFactors, AnyBearer, new { type = OtpSms });
        var seenByOrg = await ListFactors(org);
        var removed = await _client.ZitadelAsync(HttpMethod.Delete, $"{AdminSecondFactors}/{OtpSms}", AnyBearer);
        var removedAgain = await _client.ZitadelAsync(HttpMethod.Delete, $"{AdminSecondFactors}/4", AnyBearer);
        var unspecified = await _client.ZitadelAsync(HttpMethod.Post, AdminSecondFactors, AnyBearer, new { type = 0 });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var addedDetails = (await added.JsonBody()).GetProperty("details");
        Assert.Equal(["creationDate", "resourceOwner", "sequence"], addedDetails.PropertyNames());
        Assert.Equal(DefaultZitadelInstance.InstanceId, addedDetails.Str("resourceOwner"));
        await addedAgain.AssertZitadelError(HttpStatusCode.Conflict, 6, "Multifactor already exists", "INSTANCE-2B0ps");
        Assert.Contains(OtpSms, seenByOrg.Strings("result"));
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(DefaultZitadelInstance.InstanceId, (await removed.JsonBody()).GetProperty("details").Str("resourceOwner"));
        await removedAgain.AssertZitadelError(HttpStatusCode.NotFound, 5, "Multifactor not existing", "INSTANCE-3M9od");
        await unspecified.AssertZitadelError(HttpStatusCode.BadRequest, 3, "invalid AddSecondFactorToLoginPolicyRequest.Type: value must not be in list [0]");
        Assert.DoesNotContain(OtpSms, (await ListFactors(org)).Strings("result"));
    }

    [Fact]
    public async Task Two_orgs_are_isolated()
    {
        var first = await _client.CreateOrgAsync();
        var second = await _client.CreateOrgAsync();
        await AddCustomPolicy(first, new { secondFactors = new[] { OtpEmail } }).OkBody();

        var addedToFirst = await AddFactor(first, OtpSms);

        Assert.Equal(HttpStatusCode.OK, addedToFirst.StatusCode);
        Assert.Equal([OtpEmail, OtpSms], (await ListFactors(first)).Strings("result"));
        Assert.DoesNotContain(OtpEmail, (await ListFactors(second)).Strings("result"));
        Assert.True((await GetPolicy(second)).GetProperty("isDefault").GetBoolean());
        await (await RemoveFactor(second, OtpSms)).AssertZitadelError(HttpStatusCode.NotFound, 5, "Multifactor not existing", "Org-3M9od");
        Assert.Equal(6UL, (await AddFactor(second, OtpSms).OkBody()).Sequence());
        Assert.Equal([OtpEmail, OtpSms], (await ListFactors(first)).Strings("result"));
    }

    [Fact]
    public async Task Twenty_concurrent_adds_of_one_factor_give_one_success_and_nineteen_conflicts()
    {
        var org = await _client.CreateOrgAsync();
        await AddCustomPolicy(org, new { }).OkBody();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => AddFactor(org, OtpSms)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal([OtpSms], (await ListFactors(org)).Strings("result"));
    }

    [Fact]
    public async Task Unknown_paths_and_methods_answer_in_the_gateway_body()
    {
        var unknown = await _client.ZitadelAsync(HttpMethod.Get, "/management/v1/nothing", AnyBearer);
        var wrongMethod = await _client.ZitadelAsync(HttpMethod.Get, SecondFactors, AnyBearer);

        await unknown.AssertZitadelError(HttpStatusCode.NotFound, 5, "Not Found");
        await wrongMethod.AssertZitadelError(HttpStatusCode.MethodNotAllowed, 12, "Method Not Allowed");
    }

    [Theory]
    [InlineData("/_emulator/zitadel/orgs", """{"name":""}""", HttpStatusCode.BadRequest, "'name' must be 1 to 200 characters")]
    [InlineData("/_emulator/zitadel/tokens", """{"org_id":"123456789012345678","roles":["ORG_OWNER"]}""", HttpStatusCode.NotFound, "No ZITADEL organization has the id 123456789012345678.")]
    [InlineData("/_emulator/zitadel/tokens", """{"org_id":"123456789012345678","roles":[]}""", HttpStatusCode.BadRequest, "'roles' must list at least one role")]
    public async Task The_control_routes_refuse_bad_requests_in_problem_details(string path, string body, HttpStatusCode status, string detail)
    {
        var response = await _client.SendAsync(HttpExtensions.Json(HttpMethod.Post, path, body, token: null));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(detail, (await response.JsonBody()).Str("detail"));
    }

    [Fact]
    public async Task The_control_routes_refuse_an_unknown_role()
    {
        var org = await _client.CreateOrgAsync();

        var response = await _client.SendAsync(HttpExtensions.Json(HttpMethod.Post, "/_emulator/zitadel/tokens", new { org_id = org.Id, roles = new[] { "ORG_WIZARD" } }, token: null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonBody();
        Assert.Equal("emulator.invalid_request", body.Str("code"));
        Assert.StartsWith("unknown role 'ORG_WIZARD'", body.Str("detail"), StringComparison.Ordinal);
    }
}
