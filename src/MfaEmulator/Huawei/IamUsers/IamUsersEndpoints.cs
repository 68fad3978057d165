using System.Globalization;
using MfaEmulator.Common.Auth;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Json;
using MfaEmulator.Common.Validation;
using MfaEmulator.Emulator;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Huawei.Auth;
using MfaEmulator.Huawei.Iam;
using MfaEmulator.Huawei.Keystone;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MfaEmulator.Huawei.IamUsers;

/// <summary>
/// Huawei Cloud IAM users: create, show and update under <c>/v3.0/OS-USER</c> (IAM's envelope), list and delete under
/// Keystone's <c>/v3/users</c>. What the Terraform provider's huaweicloud_identity_user and the virtual MFA device
/// resource call. Strict mode: the account's administrator manages users; a user may read themself.
/// </summary>
internal static class IamUsersEndpoints
{
    public const string Tag = "Huawei IAM v3.0: users";

    /// <summary>The users' routes belong to the IAM v3.0 family (AddIamV3); this adds their JSON contracts and validators.</summary>
    public static IServiceCollection AddIamUsers(this IServiceCollection services) => services
        .AddJsonContracts(IamUsersJsonContext.Default)
        .AddValidators(typeof(CreateUserValidator), typeof(UpdateUserValidator), typeof(ShowUserValidator), typeof(DeleteUserValidator), typeof(ListUsersValidator));

    public static IEndpointRouteBuilder MapIamUsers(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/v3.0/OS-USER/users").WithTags(Tag).RequireVendorCredentials().WithValidation();
        users.MapPost("", CreateUser)
            .WithName("CreateUser")
            .WithRequestExample(new { user = new { name = "IAMUser", domain_id = DefaultHuaweiAccount.DomainId, password = "IAMPassword@1", email = "IAMEmail@example.com", enabled = true } })
            .WithSummary("Create an IAM user (administrator)")
            .ProducesErrors<HuaweiErrorEnvelope>(400, 401, 403, 409);
        users.MapGet("/{user_id}", ShowUser)
            .WithName("ShowUser")
            .WithParameterExample("user_id", DefaultHuaweiAccount.AdminId)
            .WithSummary("Query an IAM user's details")
            .ProducesErrors<HuaweiErrorEnvelope>(400, 401, 403, 404);
        users.MapPut("/{user_id}", UpdateUser)
            .WithName("UpdateUser")
            .WithParameterExample("user_id", DefaultHuaweiAccount.AdminId)
            .WithRequestExample(new { user = new { description = "IAMDescription" } })
            .WithSummary("Modify an IAM user (administrator)")
            .ProducesErrors<HuaweiErrorEnvelope>(400, 401, 403, 404, 409);

        var keystone = routes.MapGroup("/v3/users").WithTags(Tag).RequireVendorCredentials().WithValidation();
        keystone.MapGet("", KeystoneListUsers)
            .WithName("KeystoneListUsers")
            .WithSummary("List the account's IAM users (administrator)")
            .ProducesErrors<KeystoneErrorEnvelope>(400, 401, 403);
        keystone.MapDelete("/{user_id}", KeystoneDeleteUser)
            .WithName("KeystoneDeleteUser")
            .WithSummary("Delete an IAM user with their virtual MFA device and login protection (administrator)")
            .ProducesErrors<KeystoneErrorEnvelope>(400, 401, 403, 404);
        return routes;
    }

    public static Results<JsonCreated<CreatedUserResponse>, ApiError> CreateUser(
        [AsParameters] CreateUserRequest request, HuaweiCaller caller, IamAccess access, HuaweiAccounts accounts)
    {
        var option = request.Body!.User!;
        if (!access.MayList(caller))
        {
            return IamErrors.NotAuthorized("iam:users:createUser");
        }
        if (option.DomainId != caller.DomainId)
        {
            return IamUsersErrors.OtherAccount(option.DomainId!);
        }
        var user = accounts.CreateUser(caller.DomainId, option.Name!, option.Password, NullIfEmpty(option.Email), NullIfEmpty(option.Phone), admin: false,
            profile: Changed(UserProfile.Default, option));
        if (user is null)
        {
            return IamUsersErrors.NameTaken(option.Name!);
        }
        var details = user.Details;
        return JsonResults.Created($"/v3.0/OS-USER/users/{user.Id}", new CreatedUserResponse(new CreatedUserView(
            user.Id, user.Name, user.DomainId, details.Enabled, user.Email ?? "", details.AreaCode, user.Mobile ?? "", details.PwdStatus,
            details.AccessMode, details.XuserId, details.XuserType, details.Description, user.IsAdmin,
            user.Created?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture))));
    }

    public static Results<JsonOk<UserResponse>, ApiError> ShowUser(
        [AsParameters] ShowUserRequest request, HuaweiCaller caller, IamAccess access, HttpContext context)
    {
        if (!access.TryTarget(caller, request.UserId, IamRule.SelfOrAdmin, _ => IamErrors.NotAuthorized("iam:users:getUser"), out var user, out var error))
        {
            return error;
        }
        return JsonResults.Ok(new UserResponse(ViewOf(user, BaseUrl(context))));
    }

    public static Results<JsonOk<UserResponse>, ApiError> UpdateUser(
        [AsParameters] UpdateUserRequest request, HuaweiCaller caller, IamAccess access, HuaweiAccounts accounts, HttpContext context)
    {
        var option = request.Body!.User!;
        if (!access.TryTarget(caller, request.UserId, IamRule.Administrator, _ => IamErrors.NotAuthorized("iam:users:updateUser"), out var user, out var error))
        {
            return error;
        }
        var updated = accounts.UpdateUser(user.Id, current => current with
        {
            Name = option.Name ?? current.Name,
            Password = option.Password ?? current.Password,
            Email = option.Email is null ? current.Email : NullIfEmpty(option.Email),
            Mobile = option.Phone is null ? current.Mobile : NullIfEmpty(option.Phone),
            Profile = Changed(current.Details, option),
        });
        return updated is null
            ? IamUsersErrors.NameTaken(option.Name!)
            : JsonResults.Ok(new UserResponse(ViewOf(updated, BaseUrl(context))));
    }

    public static Results<JsonOk<ListUsersResponse>, ApiError> KeystoneListUsers(
        [AsParameters] ListUsersRequest request, HuaweiCaller caller, IamAccess access, HuaweiAccounts accounts, HttpContext context)
    {
        if (!access.MayList(caller))
        {
            return IamUsersErrors.KeystoneForbidden();
        }
        var baseUrl = BaseUrl(context);
        var users = (request.DomainId is null || request.DomainId == caller.DomainId ? accounts.UsersOf(caller.DomainId) : [])
            .Where(u => request.Name is null || u.Name == request.Name)
            .Where(u => request.Enabled is null || u.Details.Enabled == (request.Enabled == "true"))
            .Select(u => new KeystoneUserView(u.Id, u.Name, u.DomainId, u.Details.Enabled, u.Details.Description, u.Details.PwdStatus,
                u.Details.AccessMode, PasswordExpiresAt: null, new UserLinks($"{baseUrl}/v3/users/{u.Id}")));
        return JsonResults.Ok(new ListUsersResponse(new UserLinks($"{baseUrl}/v3/users"), [.. users]));
    }

    public static Results<NoContent, ApiError> KeystoneDeleteUser(
        [AsParameters] DeleteUserRequest request, HuaweiCaller caller, IamAccess access, HuaweiAccounts accounts, VirtualMfaDevices devices,
        LoginProtectStore protects)
    {
        if (accounts.FindUser(request.UserId) is not { } user || user.DomainId != caller.DomainId)
        {
            return IamUsersErrors.KeystoneUserNotFound(request.UserId);
        }
        if (!access.MayList(caller))
        {
            return IamUsersErrors.KeystoneForbidden();
        }
        if (user.IsAdmin)
        {
            return IamUsersErrors.AdministratorUndeletable();
        }
        accounts.DeleteUser(user.Id);
        devices.RemoveUser(user.Id);
        protects.Remove(user.Id);
        return TypedResults.NoContent();
    }

    private static UserProfile Changed(UserProfile profile, UserOption option) => profile with
    {
        Enabled = option.Enabled ?? profile.Enabled,
        Description = option.Description ?? profile.Description,
        AreaCode = option.AreaCode ?? profile.AreaCode,
        PwdStatus = option.PwdStatus ?? profile.PwdStatus,
        AccessMode = option.AccessMode ?? profile.AccessMode,
        XuserId = option.XuserId ?? profile.XuserId,
        XuserType = option.XuserType ?? profile.XuserType,
    };

    private static UserView ViewOf(HuaweiUser user, string baseUrl)
    {
        var details = user.Details;
        return new UserView(
            user.Id, user.Name, user.DomainId, details.Enabled, new UserLinks($"{baseUrl}/v3.0/OS-USER/users/{user.Id}"),
            user.Email ?? "", details.AreaCode, user.Mobile ?? "", details.PwdStatus, PwdStrength: "Strong", details.AccessMode,
            details.XuserId, details.XuserType, details.Description, IsDomainOwner: user.IsAdmin,
            user.Created?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.f", CultureInfo.InvariantCulture), UpdateTime: null, LastLoginTime: null);
    }

    private static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
