using MfaEmulator.Common.Auth;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Validation;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Huawei.Auth;
using MfaEmulator.Huawei.Iam;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MfaEmulator.Huawei.IamUsers;

/// <summary>
/// Huawei Cloud IAM v3.0 users (OS-USER). ShowUser is what the Terraform provider reads after creating a virtual
/// MFA device (the device's user name); routes under <c>/v3.0</c> answer in IAM v3.0's envelope.
/// </summary>
internal static class IamUsersEndpoints
{
    public const string Tag = "Huawei IAM v3.0: users";

    public static IEndpointRouteBuilder MapIamUsers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v3.0/OS-USER").WithTags(Tag).RequireVendorCredentials().WithValidation();

        group.MapGet("/users/{user_id}", ShowUser)
            .WithName("ShowUser")
            .WithSummary("Query an IAM user's details")
            .ProducesErrors<HuaweiErrorEnvelope>(400, 401, 403, 404);
        return routes;
    }

    /// <summary>Strict mode: an administrator reads anyone in the account, a user only themself.</summary>
    public static Results<Ok<ShowUserResponse>, ApiError> ShowUser(
        [AsParameters] ShowUserRequest request, HuaweiCaller caller, IamAccess access, HttpContext context)
    {
        if (!access.TryTarget(caller, request.UserId, IamRule.SelfOrAdmin, _ => IamErrors.NotAuthorized("iam:users:getUser"), out var user, out var error))
        {
            return error;
        }
        return TypedResults.Ok(new ShowUserResponse(ViewOf(user, $"{context.Request.Scheme}://{context.Request.Host}")));
    }

    private static UserView ViewOf(HuaweiUser user, string baseUrl) => new(
        Enabled: true,
        user.Id,
        user.DomainId,
        user.Name,
        new UserLinks($"{baseUrl}/v3.0/OS-USER/users/{user.Id}"),
        user.Email,
        user.Mobile,
        PwdStatus: true,
        IsDomainOwner: user.IsAdmin,
        AccessMode: "default",
        Description: "");
}
