using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MfaEmulator.Common.Auth;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Json;
using MfaEmulator.Common.Validation;
using MfaEmulator.Emulator;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Huawei.Auth;
using MfaEmulator.Huawei.Iam;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MfaEmulator.Huawei.Keystone;

/// <summary>
/// IAM's Keystone-style token API: password, or password + virtual-MFA code (iam_30_0001, iam_03_0006).
/// Login protection governs console sign-in, not API access (IAM user guide, sensitive operations), so a
/// password-only token is still issued to a vmfa-protected user; only the TOTP variant checks the device.
/// </summary>
internal static class KeystoneEndpoints
{
    public const string Tag = "Huawei IAM v3: tokens (Keystone)";
    public const string SubjectTokenHeader = "X-Subject-Token";
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static IServiceCollection AddKeystone(this IServiceCollection services) =>
        services.AddJsonContracts(KeystoneJsonContext.Default)
            .AddValidators(typeof(CreateTokenValidator), typeof(ValidateTokenValidator), typeof(ListProjectsValidator))
            .AddSingleton<ApiFamily, KeystoneFamily>();

    public static IEndpointRouteBuilder MapKeystone(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v3").WithTags(Tag).WithValidation();

        group.MapPost("/auth/tokens", KeystoneCreateUserToken)
            .WithName("KeystoneCreateUserTokenByPasswordAndMfa")
            .WithRequestExample(new
            {
                auth = new
                {
                    identity = new
                    {
                        methods = new List<string> { "password" },
                        password = new { user = new { name = DefaultHuaweiAccount.AdminName, password = DefaultHuaweiAccount.AdminPassword, domain = new { name = DefaultHuaweiAccount.DomainName } } },
                    },
                },
            })
            .WithSummary("Obtain a user token with a password, or with a password and a virtual MFA code")
            .WithDescription("The token is in the X-Subject-Token response header. methods [\"password\"] or [\"password\",\"totp\"].")
            .ProducesErrors<KeystoneErrorEnvelope>(400, 401);
        group.MapGet("/auth/tokens", KeystoneValidateToken)
            .WithName("KeystoneValidateToken")
            .WithSummary("Check a token (X-Subject-Token) and show its body")
            .RequireVendorCredentials()
            .ProducesErrors<KeystoneErrorEnvelope>(400, 401, 403, 404);
        group.MapGet("/projects", KeystoneListProjects)
            .WithName("KeystoneListProjects")
            .WithSummary("List projects (any name answers: every region is a project of the caller's account)")
            .RequireVendorCredentials()
            .ProducesErrors<KeystoneErrorEnvelope>(401);
        group.MapGet("/auth/domains", KeystoneListAuthDomains)
            .WithName("KeystoneListAuthDomains")
            .WithSummary("The caller's account")
            .RequireVendorCredentials()
            .ProducesErrors<KeystoneErrorEnvelope>(401);
        return routes;
    }

    public static Results<JsonCreated<TokenResponse>, ApiError> KeystoneCreateUserToken(
        [AsParameters] CreateTokenRequest request, HttpContext context, HuaweiAccounts accounts, LoginProtectStore protects,
        VirtualMfaDevices devices, TimeProvider clock)
    {
        var identity = request.Body!.Auth!.Identity!;
        var given = identity.Password!.User!;
        var user = FindUser(accounts, given);
        if (user is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(user.Password), Encoding.UTF8.GetBytes(given.Password!)))
        {
            return KeystoneErrors.WrongPassword();
        }
        if (!user.Details.Enabled)
        {
            return KeystoneErrors.Unauthorized("The user is disabled.");
        }
        var domain = accounts.FindDomain(user.DomainId)!;
        var scope = request.Body.Auth.Scope;
        if (scope?.Domain is { } wanted && wanted.Id != domain.Id && wanted.Name != domain.Name)
        {
            return KeystoneErrors.Unauthorized($"The user cannot be scoped to domain {wanted.Id ?? wanted.Name}.");
        }

        var methods = identity.Methods!.Select(m => m!).Distinct().ToList();
        DateTimeOffset? mfaAt = null;
        if (methods.Contains("totp"))
        {
            var mfaError = CheckVirtualMfa(user, identity.Totp!.User!, protects, devices);
            if (mfaError is not null)
            {
                return mfaError;
            }
            mfaAt = clock.GetUtcNow();
        }

        var project = scope?.Project is { } p ? ProjectOf(domain, p.Id, p.Name) : null;
        var token = accounts.IssueToken(user, methods, mfaAt, project?.Id, projectName: project?.Name);
        context.Response.Headers[SubjectTokenHeader] = token.Value;
        return JsonResults.Created((string?)null, new TokenResponse(TokenBodyOf(token, user, domain, context, request.NoCatalog)));
    }

    /// <summary>
    /// KeystoneValidateToken: the caller's credential in X-Auth-Token (or AK/SK), the token to check in X-Subject-Token.
    /// An unknown or expired subject is 404 "X-Subject-Token is invalid in the request" (the page's example).
    /// Strict mode: an administrator checks any token of the account, a user only their own.
    /// </summary>
    public static Results<JsonOk<TokenResponse>, ApiError> KeystoneValidateToken(
        [AsParameters] ValidateTokenRequest request, HttpContext context, HuaweiCaller caller, IamAccess access, HuaweiAccounts accounts, TimeProvider clock)
    {
        if (accounts.FindToken(request.SubjectToken!) is not { } token || token.ExpiresAt <= clock.GetUtcNow()
            || accounts.FindUser(token.UserId) is not { } user || user.DomainId != caller.DomainId)
        {
            return KeystoneErrors.SubjectTokenInvalid();
        }
        if (!access.MayList(caller) && caller.User.Id != user.Id)
        {
            return KeystoneErrors.Forbidden();
        }
        context.Response.Headers[SubjectTokenHeader] = token.Value;
        return JsonResults.Ok(new TokenResponse(TokenBodyOf(token, user, accounts.FindDomain(user.DomainId)!, context, request.NoCatalog)));
    }

    private static TokenBody TokenBodyOf(IssuedToken token, HuaweiUser user, HuaweiDomain domain, HttpContext context, string? noCatalog)
    {
        var domainView = new DomainView(domain.Id, domain.Name);
        var project = token.ProjectId is { } projectId ? new ProjectView(projectId, token.ProjectName ?? projectId, domainView) : null;
        return new TokenBody(
            Format(token.ExpiresAt), Format(token.IssuedAt), token.Methods,
            new TokenUserView(user.Id, user.Name, domainView, PasswordExpiresAt: ""),
            project,
            project is null ? domainView : null,
            user.IsAdmin ? [new RoleView("0", "te_admin"), new RoleView("0", "secu_admin")] : [],
            // iam_30_0001: any non-empty nocatalog leaves the catalog out; the page's example still writes "catalog": [].
            string.IsNullOrEmpty(noCatalog) ? TokenCatalog.For($"{context.Request.Scheme}://{context.Request.Host}", project) : [],
            token.MfaAuthnAt is { } at ? Format(at) : null);
    }

    public static JsonOk<ProjectsResponse> KeystoneListProjects([AsParameters] ListProjectsRequest request, HuaweiCaller caller, HuaweiAccounts accounts)
    {
        var domain = accounts.FindDomain(caller.DomainId) ?? DefaultHuaweiAccount.Domain;
        var project = ProjectOf(domain, id: null, request.Name ?? "cn-north-4");
        return JsonResults.Ok(new ProjectsResponse([project]));
    }

    public static JsonOk<DomainsResponse> KeystoneListAuthDomains(HuaweiCaller caller, HuaweiAccounts accounts)
    {
        var domain = accounts.FindDomain(caller.DomainId) ?? DefaultHuaweiAccount.Domain;
        return JsonResults.Ok(new DomainsResponse([new DomainListItem(domain.Id, domain.Name, Enabled: true)]));
    }

    private static HuaweiUser? FindUser(HuaweiAccounts accounts, PasswordUser given)
    {
        if (!string.IsNullOrEmpty(given.Id))
        {
            return accounts.FindUser(given.Id);
        }
        var domain = given.Domain!.Id is { Length: > 0 } id ? accounts.FindDomain(id) : accounts.FindDomainByName(given.Domain.Name!);
        return domain is null ? null : accounts.FindUserByName(domain.Id, given.Name!);
    }

    private static ApiError? CheckVirtualMfa(HuaweiUser user, TotpUser totp, LoginProtectStore protects, VirtualMfaDevices devices)
    {
        if (totp.Id is { Length: > 0 } id && id != user.Id || totp.Name is { Length: > 0 } name && name != user.Name)
        {
            return KeystoneErrors.Unauthorized("The user in 'totp' is not the user in 'password'.");
        }
        if (protects.Find(user.Id) is not { RequiresVirtualMfa: true })
        {
            return KeystoneErrors.Unauthorized($"User {user.Id} does not use virtual MFA login protection; set verification_method 'vmfa' first.");
        }
        var outcome = devices.VerifySignIn(user.Id, totp.Passcode!);
        return outcome.Failure switch
        {
            DeviceFailure.None => null,
            DeviceFailure.NotBound => KeystoneErrors.Unauthorized($"User {user.Id} has no bound virtual MFA device; bind one first."),
            _ => KeystoneErrors.Unauthorized(IamErrors.InvalidPasscodeMessage(outcome.CodeFailure)),
        };
    }

    /// <summary>Projects are not stored: a region name maps to a stable id within the account.</summary>
    private static ProjectListItem ProjectOf(HuaweiDomain domain, string? id, string? name)
    {
        var projectName = name ?? "cn-north-4";
        var projectId = id ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{domain.Id}/{projectName}")))[..32];
        return new ProjectListItem(projectId, projectName, domain.Id, Enabled: true, IsDomain: false);
    }

    private static string Format(DateTimeOffset time) =>
        time == DateTimeOffset.MaxValue ? "9999-12-31T23:59:59.999999Z" : time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
}
