using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Json;
using MfaEmulator.Emulator;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Huawei.Hss;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MfaEmulator.Huawei.Control;

/// <summary>Provisioning Huawei identities and HSS hosts, as LocalStack and moto let tests do.</summary>
internal static class HuaweiControlEndpoints
{
    public static RouteGroupBuilder MapHuaweiControl(this RouteGroupBuilder group)
    {
        group.MapPost("/huawei/users", CreateUser)
            .WithName("CreateHuaweiUser")
            .WithRequestExample(new { name = "alice", password = "Alice@2026" })
            .WithSummary("Create an IAM user (with admin and no domain_id: in a new account) and get its AK/SK and a token")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/huawei/hosts", CreateHost)
            .WithName("CreateHssHost")
            .WithRequestExample(new { project_id = "2acc8d6b6a3d4b0e9d3fd5f2c8d1a2b3", host_name = "web-1", os_type = "Linux" })
            .WithSummary("Register a server with HSS in a project")
            .ProducesProblem(400);
        return group;
    }

    public static Results<JsonCreated<CreatedHuaweiUser>, ApiError> CreateUser(CreateHuaweiUserBody body, HuaweiAccounts accounts) =>
        Provision(accounts, body) is { } created
            ? JsonResults.Created($"/v3.0/OS-USER/users/{created.UserId}", created)
            : Problem(accounts, body);

    /// <summary>Creates the user (and its account); shared with <c>--seed</c> files.</summary>
    public static CreatedHuaweiUser? Provision(HuaweiAccounts accounts, CreateHuaweiUserBody body)
    {
        if (body.Token is { } fixedToken && accounts.FindToken(fixedToken) is not null)
        {
            return null;
        }
        var admin = body.Admin == true;
        var domain = body.DomainId is { } id
            ? accounts.FindDomain(id) ?? (admin ? accounts.CreateDomain(body.DomainName, id) : null)
            : admin ? accounts.CreateDomain(body.DomainName) : accounts.FindDomain(DefaultHuaweiAccount.DomainId);
        if (domain is null)
        {
            return null;
        }
        var user = accounts.CreateUser(domain.Id, body.Name!, body.Password, body.Email, body.Mobile, admin, new FixedCredentials(body.UserId, body.AccessKey, body.SecretKey));
        if (user is null)
        {
            return null;
        }
        var token = accounts.IssueToken(user, ["token"], mfaAuthnAt: null, projectId: null, fixedValue: body.Token);
        return new CreatedHuaweiUser(user.Id, domain.Id, domain.Name, user.Name, user.Password, user.IsAdmin, user.AccessKey, user.SecretKey, token.Value);
    }

    private static ApiError Problem(HuaweiAccounts accounts, CreateHuaweiUserBody body) =>
        body.DomainId is { } id && accounts.FindDomain(id) is null
            ? HuaweiControlErrors.DomainNotFound(id)
            : HuaweiControlErrors.UserExists(body.Name!);

    public static JsonCreated<HssHost> CreateHost(CreateHssHostBody body, HssStore hosts)
    {
        var host = hosts.AddHost(body.ProjectId!, new HssHost(
            body.HostId ?? Guid.NewGuid().ToString(),
            body.HostName!,
            body.OsType ?? "Linux",
            body.EnterpriseProjectId ?? HssStore.DefaultEnterpriseProject));
        return JsonResults.Created($"/v5/{Uri.EscapeDataString(body.ProjectId!)}/setting/two-factor-login/hosts", host);
    }
}

/// <summary>The Huawei control routes' own problems (ProblemDetails with an <c>emulator.*</c> code).</summary>
internal static class HuaweiControlErrors
{
    public static ApiError DomainNotFound(string domainId) =>
        new(404, "emulator.domain_not_found", $"No account with domain_id {domainId} (an admin user with a new domain_id creates it).");

    public static ApiError UserExists(string name) =>
        new(409, "emulator.user_exists", $"The account already has a user named {name}, or the user_id, access_key or token is taken.");

    public static ApiError DeviceNotFound(string serialNumber) =>
        new(404, "emulator.device_not_found", $"No virtual MFA device with serial number {serialNumber}.");
}
