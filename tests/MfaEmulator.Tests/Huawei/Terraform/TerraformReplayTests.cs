using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MfaEmulator.Tests.Infrastructure;
using static MfaEmulator.Tests.Infrastructure.TerraformSigner;

namespace MfaEmulator.Tests.Huawei.Terraform;

/// <summary>
/// The Huawei Terraform provider's create/read/update/delete of its MFA resources, call for call as its source
/// shows them (terraform-provider-huaweicloud huaweicloud/services/iam and hss), signed as its Go library signs,
/// against --strict: the statuses it accepts and the fields it reads.
/// </summary>
public sealed class TerraformReplayTests(StrictEmulatorFactory factory) : IClassFixture<StrictEmulatorFactory>
{
    private static readonly (string, string)[] NoQuery = [];
    private readonly HuaweiTestApi _api = new(factory.CreateClient());

    private Task<HttpResponseMessage> Call(HttpMethod method, string path, object? body, TestUser admin, params (string, string)[] query) =>
        _api.Client.SendAsync(SignedLikeTerraform(method, path, query, body, admin, domainId: admin.DomainId));

    private static async Task<JsonElement> Body(HttpResponseMessage response, params HttpStatusCode[] accepted)
    {
        Assert.True(accepted.Contains(response.StatusCode), $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonBody();
    }

    [Fact]
    public async Task huaweicloud_identity_user_with_login_protection_applies_refreshes_updates_and_destroys()
    {
        var admin = await _api.CreateAccount();

        // Create: POST users (accepts 200/201/202), then the login-protect PUT, then Read.
        var created = await Body(await Call(HttpMethod.Post, "/v3.0/OS-USER/users",
            new { user = new { name = "tf-user", domain_id = admin.DomainId, enabled = true, pwd_status = true, password = "Tf@12345", email = "tf@example.com", areacode = "0086", phone = "13800000002", access_mode = "default", description = "by terraform" } }, admin),
            HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Accepted);
        var id = created.GetProperty("user").Str("id");
        await Body(await Call(HttpMethod.Put, $"/v3.0/OS-USER/users/{id}/login-protect", new { login_protect = new { enabled = true, verification_method = "vmfa" } }, admin),
            HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Accepted);
        var read = (await Body(await Call(HttpMethod.Get, $"/v3.0/OS-USER/users/{id}", null, admin), HttpStatusCode.OK)).GetProperty("user");
        var protect = (await Body(await Call(HttpMethod.Get, $"/v3.0/OS-USER/users/{id}/login-protect", null, admin), HttpStatusCode.OK)).GetProperty("login_protect");

        Assert.Equal("tf-user", read.Str("name"));
        Assert.Equal("by terraform", read.Str("description"));
        Assert.Equal("tf@example.com", read.Str("email"));
        Assert.Equal("0086", read.Str("areacode"));
        Assert.Equal("13800000002", read.Str("phone"));
        Assert.True(read.GetProperty("enabled").GetBoolean());
        Assert.Equal("default", read.Str("access_mode"));
        Assert.Equal("vmfa", protect.Str("verification_method"));

        // Update: PUT users/{id} must be 200 with JSON; disabling protection sends enabled:false with "sms".
        var updated = await Call(HttpMethod.Put, $"/v3.0/OS-USER/users/{id}", new { user = new { description = "", enabled = false } }, admin);
        await Body(await Call(HttpMethod.Put, $"/v3.0/OS-USER/users/{id}/login-protect", new { login_protect = new { enabled = false, verification_method = "sms" } }, admin),
            HttpStatusCode.OK);
        var reread = (await Body(await Call(HttpMethod.Get, $"/v3.0/OS-USER/users/{id}", null, admin), HttpStatusCode.OK)).GetProperty("user");
        var off = (await Body(await Call(HttpMethod.Get, $"/v3.0/OS-USER/users/{id}/login-protect", null, admin), HttpStatusCode.OK)).GetProperty("login_protect");

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(id, (await updated.JsonBody()).GetProperty("user").Str("id"));
        Assert.Equal("", reread.Str("description"));
        Assert.False(reread.GetProperty("enabled").GetBoolean());
        Assert.Equal("none", off.Str("verification_method"));

        // Delete: DELETE /v3/users/{id} (200/202/204); then Read finds 404 and drops it from state.
        var deleted = await Call(HttpMethod.Delete, $"/v3/users/{id}", null, admin);
        var gone = await Call(HttpMethod.Get, $"/v3.0/OS-USER/users/{id}", null, admin);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task huaweicloud_identity_virtual_mfa_device_applies_refreshes_and_destroys()
    {
        var admin = await _api.CreateAccount();
        var user = await _api.CreateUser(domainId: admin.DomainId);

        // Create: POST the device, then GET /v3/auth/domains and GET the user to build the QR string.
        var created = (await Body(await Call(HttpMethod.Post, "/v3.0/OS-MFA/virtual-mfa-devices", new { virtual_mfa_device = new { name = "tf-phone", user_id = user.UserId } }, admin),
            HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Accepted)).GetProperty("virtual_mfa_device");
        var domains = await Body(await Call(HttpMethod.Get, "/v3/auth/domains", null, admin), HttpStatusCode.OK);
        var owner = await Body(await Call(HttpMethod.Get, $"/v3.0/OS-USER/users/{user.UserId}", null, admin), HttpStatusCode.OK);

        Assert.NotEmpty(created.Str("serial_number"));
        Assert.NotEmpty(created.Str("base32_string_seed"));
        Assert.Equal(admin.DomainName, domains.GetProperty("domains")[0].Str("name"));
        Assert.Equal(user.Name, owner.GetProperty("user").Str("name"));

        // Read: the serial must end in ":mfa/<name>", from which the provider takes the name.
        var read = (await Body(await Call(HttpMethod.Get, $"/v3.0/OS-MFA/users/{user.UserId}/virtual-mfa-device", null, admin), HttpStatusCode.OK)).GetProperty("virtual_mfa_device");
        var serial = read.Str("serial_number");
        Assert.Equal("tf-phone", serial[(serial.LastIndexOf(":mfa/", StringComparison.Ordinal) + 5)..]);

        // Delete: only 204 is accepted, with the serial's ':' and '/' escaped in the sorted query; then the GET must fail.
        var deleted = await Call(HttpMethod.Delete, "/v3.0/OS-MFA/virtual-mfa-devices", null, admin, ("user_id", user.UserId), ("serial_number", serial));
        var after = await Call(HttpMethod.Get, $"/v3.0/OS-MFA/users/{user.UserId}/virtual-mfa-device", null, admin);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task huaweicloud_identityv5_virtual_mfa_device_applies_refreshes_and_destroys()
    {
        var admin = await _api.CreateAccount();
        var user = await _api.CreateUser(domainId: admin.DomainId);

        var created = (await Body(await Call(HttpMethod.Post, "/v5/virtual-mfa-devices", new { user_id = user.UserId, virtual_mfa_device_name = "tf-v5" }, admin),
            HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Accepted)).GetProperty("virtual_mfa_device");
        var listed = await Body(await Call(HttpMethod.Get, "/v5/mfa-devices", null, admin, ("user_id", user.UserId)), HttpStatusCode.OK);
        var first = listed.GetProperty("mfa_devices")[0];
        var deleted = await Call(HttpMethod.Delete, "/v5/virtual-mfa-devices", null, admin, ("user_id", user.UserId), ("serial_number", created.Str("serial_number")));
        var after = await Body(await Call(HttpMethod.Get, "/v5/mfa-devices", null, admin, ("user_id", user.UserId)), HttpStatusCode.OK);

        Assert.NotEmpty(created.Str("base32_string_seed"));
        Assert.Equal(created.Str("serial_number"), first.Str("serial_number"));
        Assert.False(first.GetProperty("enabled").GetBoolean());
        Assert.Contains(deleted.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Accepted, HttpStatusCode.NoContent });
        Assert.Equal(0, after.GetProperty("mfa_devices").GetArrayLength());
    }

    [Fact]
    public async Task The_HSS_two_factor_login_config_and_hosts_data_source_page_until_an_empty_page()
    {
        var admin = await _api.CreateAccount();
        var project = "tf" + Guid.NewGuid().ToString("N")[..16];
        var hostIds = Enumerable.Range(1, 5).Select(i => $"tf-host-{i}").ToArray();
        foreach (var hostId in hostIds)
        {
            var registered = await _api.Client.PostAsJsonAsync("/_emulator/huawei/hosts", new { project_id = project, host_id = hostId, host_name = hostId });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        // The one-time config resource: PUT with X-Project-Id (unsigned) and no topic fields for auth_type "code".
        var configured = await _api.Client.SendAsync(SignedLikeTerraform(HttpMethod.Put, $"/v5/{project}/setting/two-factor-login/config", NoQuery,
            new { auth_type = "code", enabled = true, host_id_list = hostIds[..3] }, admin, projectId: project));
        Assert.Contains(configured.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Accepted });

        // The data source: limit=200, offset grows by each page's length, and it stops only on an empty data_list.
        var seen = new List<JsonElement>();
        var calls = 0;
        for (var offset = 0; ; calls++)
        {
            var page = await Body(await _api.Client.SendAsync(SignedLikeTerraform(HttpMethod.Get, $"/v5/{project}/setting/two-factor-login/hosts",
                [("limit", "200"), ("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture))], null, admin, projectId: project)), HttpStatusCode.OK);
            var hosts = page.GetProperty("data_list").EnumerateArray().ToList();
            if (hosts.Count == 0)
            {
                break;
            }
            seen.AddRange(hosts);
            offset += hosts.Count;
            Assert.True(calls < 10, "the data source would loop forever");
        }

        Assert.Equal(1, calls);
        Assert.Equal(hostIds, seen.Select(h => h.Str("host_id")).Order(StringComparer.Ordinal));
        Assert.Equal(3, seen.Count(h => h.GetProperty("auth_switch").GetBoolean()));
        Assert.All(seen, h => Assert.False(h.GetProperty("outside_host").GetBoolean()));
    }
}
