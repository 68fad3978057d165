using MfaEmulator.Common.Auth;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Json;
using MfaEmulator.Common.Totp;
using MfaEmulator.Common.Validation;
using MfaEmulator.Emulator;
using MfaEmulator.Huawei.Accounts;
using MfaEmulator.Huawei.Auth;
using MfaEmulator.Huawei.Control;
using MfaEmulator.Huawei.Iam;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MfaEmulator.Huawei.IamV3;

/// <summary>Huawei Cloud IAM v3.0: virtual MFA devices (OS-MFA, seed 003) and login protection (OS-USER, seed 001).</summary>
internal static class IamV3Endpoints
{
    public const string DevicesTag = "Huawei IAM v3.0: virtual MFA devices";
    public const string LoginProtectTag = "Huawei IAM v3.0: login protection";

    public static IServiceCollection AddIamV3(this IServiceCollection services) =>
        services.AddJsonContracts(IamV3JsonContext.Default)
            .AddValidators(typeof(CreateMfaDeviceValidator), typeof(BindMfaDeviceValidator), typeof(UnbindMfaDeviceValidator), typeof(DeleteMfaDeviceValidator), typeof(UserPathValidator), typeof(UpdateLoginProtectValidator))
            .AddSingleton<ApiFamily, IamV3Family>();

    public static IEndpointRouteBuilder MapIamV3(this IEndpointRouteBuilder routes)
    {
        var mfa = routes.MapGroup("/v3.0/OS-MFA").WithTags(DevicesTag).RequireVendorCredentials().WithValidation();

        var createExample = new { virtual_mfa_device = new { name = "phone", user_id = DefaultHuaweiAccount.AdminId } };
        mfa.MapPost("/virtual-mfa-devices", CreateMfaDevice)
            .WithName("CreateMfaDevice")
            .WithRequestExample(createExample)
            .WithSummary("Create a virtual MFA device (the seed is returned only here)")
            .ProducesErrors<HuaweiErrorEnvelope>(400, 401, 403, 404, 409);
        mfa.MapPut("/mfa-devices/bind", CreateBindingDevice)
            .WithName("CreateBindingDevice")
            .AsDocumentedOperation()
            .WithRequestExample(new
            {
                user_id = DefaultHuaweiAccount.AdminId,
                serial_number = SerialNumbers.V3(DefaultHuaweiAccount.DomainId, "phone"),
                authentication_code_first = DeviceCodesEndpoints.ExampleFirstCode,
                authentication_code_second = DeviceCodesEndpoints.ExampleSecondCode,
            })
            .WithTryItOut(DeviceCodesEndpoints.TryItOut("/v3.0/OS-MFA/virtual-mfa-devices", createExample))
            .WithSummary("Bind a virtual MFA device with two consecutive verification codes")
            .WithDescription("In Swagger UI, sending the example unchanged creates the example device first and sends its live codes (from GET /_emulator/mfa-devices/codes). A user holds one virtual MFA device: after trying v3 bind or v5 enable for the default admin, POST /_emulator/reset before trying the other.")
            .ProducesErrors<HuaweiErrorEnvelope>(400, 401, 403, 404, 409);
        mfa.MapPut("/mfa-devices/unbind", DeleteBindingDevice)
            .WithName("DeleteBindingDevice")
            .WithRequestExample(new
            {
                user_id = DefaultHuaweiAccount.AdminId,
                authentication_code = "123456",
                serial_number = SerialNumbers.V3(DefaultHuaweiAccount.DomainId, "phone"),
            })
            .WithSummary("Unbind a virtual MFA device (administrator: any 6 digits; the user: a current code)")
            .ProducesErrors<HuaweiErrorEnvelope>(400, 401, 403, 404, 409);
        mfa.MapDelete("/virtual-mfa-devices", DeleteMfaDevice)
            .WithName("DeleteMfaDevice")
            .WithSummary("Delete a virtual MFA device")
            .ProducesErrors<HuaweiErrorEnvelope>(400, 401, 403, 404, 409);
        mfa.MapGet("/virtual-mfa-devices", ListUserMfaDevices)
            .WithName("ListUserMfaDevices")
            .WithSummary("List the account's virtual MFA devices")
            .ProducesErrors<HuaweiErrorEnvelope>(401, 403);
        mfa.MapGet("/users/{user_id}/virtual-mfa-device", ShowUserMfaDevice)
            .WithName("ShowUserMfaDevice")
            .WithSummary("Show a user's virtual MFA device")
            .ProducesErrors<HuaweiErrorEnvelope>(400, 401, 403, 404);

        var users = routes.MapGroup("/v3.0/OS-USER").WithTags(LoginProtectTag).RequireVendorCredentials().WithValidation();

        users.MapPut("/users/{user_id}/login-protect", UpdateLoginProtect)
            .WithName("UpdateLoginProtect")
            .AsDocumentedOperation()
            .WithParameterExample("user_id", DefaultHuaweiAccount.AdminId)
            .WithRequestExample(new { login_protect = new { enabled = true, verification_method = "vmfa" } })
            .WithSummary("Modify the login protection configuration of an IAM user")
            .ProducesErrors<HuaweiErrorEnvelope>(400, 401, 403, 404);
        users.MapGet("/users/{user_id}/login-protect", ShowUserLoginProtect)
            .WithName("ShowUserLoginProtect")
            .WithSummary("Show a user's login protection configuration (404 until first configured)")
            .ProducesErrors<HuaweiErrorEnvelope>(400, 401, 403, 404);
        users.MapGet("/login-protects", ListUserLoginProtects)
            .WithName("ListUserLoginProtects")
            .WithSummary("List the login protection of every user who has configured it")
            .ProducesErrors<HuaweiErrorEnvelope>(401, 403);

        return routes;
    }

    public static Results<JsonCreated<CreateMfaDeviceResponse>, ApiError> CreateMfaDevice(
        [AsParameters] CreateMfaDeviceRequest request, HuaweiCaller caller, IamAccess access, VirtualMfaDevices devices)
    {
        var spec = request.Body!.VirtualMfaDevice!;
        // The Terraform provider's huaweicloud_identity_virtual_mfa_device creates a user's device with the
        // administrator's AK/SK, so an administrator may; binding (with the device's codes) stays the user's own.
        if (!access.TryTarget(caller, spec.UserId!, IamRule.SelfOrAdmin, Denied("iam:mfa:createVirtualMFADevice"), out var user, out var error))
        {
            return error;
        }
        var serial = SerialNumbers.V3(user.DomainId, spec.Name!);
        var outcome = devices.Create(user.DomainId, user.Id, spec.Name!, serial);
        return outcome.Device is { } device
            ? JsonResults.Created((string?)null, new CreateMfaDeviceResponse(new CreatedMfaDevice(device.SerialNumber, Base32.Encode(device.Secret))))
            : DeviceErrors.For(outcome, user.Id, serial);
    }

    public static Results<NoContent, ApiError> CreateBindingDevice(
        [AsParameters] BindMfaDeviceRequest request, HuaweiCaller caller, IamAccess access, VirtualMfaDevices devices)
    {
        var body = request.Body!;
        if (!access.TryTarget(caller, body.UserId!, IamRule.Self, Denied("iam:mfa:bindMFADevice (only the user may bind their own device)"), out var user, out var error))
        {
            return error;
        }
        var outcome = devices.Bind(user.DomainId, user.Id, body.SerialNumber!, body.AuthenticationCodeFirst!, body.AuthenticationCodeSecond!);
        return outcome.Device is not null ? TypedResults.NoContent() : DeviceErrors.For(outcome, user.Id, body.SerialNumber!);
    }

    public static Results<NoContent, ApiError> DeleteBindingDevice(
        [AsParameters] UnbindMfaDeviceRequest request, HuaweiCaller caller, IamAccess access, VirtualMfaDevices devices, LoginProtectStore protects)
    {
        var body = request.Body!;
        if (!access.TryTarget(caller, body.UserId!, IamRule.SelfOrAdmin, Denied("iam:mfa:unbindMFADevice"), out var user, out var error))
        {
            return error;
        }
        if (protects.Find(user.Id) is { RequiresVirtualMfa: true })
        {
            return IamErrors.UnbindWhileVmfa();
        }
        // iam_08_0018: the user proves possession with a current code; an administrator's 6 digits are not checked.
        var code = caller.User.Id == user.Id || !caller.User.IsAdmin ? body.AuthenticationCode : null;
        var outcome = devices.Unbind(user.DomainId, user.Id, body.SerialNumber!, code);
        return outcome.Device is not null ? TypedResults.NoContent() : DeviceErrors.For(outcome, user.Id, body.SerialNumber!);
    }

    public static Results<NoContent, ApiError> DeleteMfaDevice(
        [AsParameters] DeleteMfaDeviceRequest request, HuaweiCaller caller, IamAccess access, VirtualMfaDevices devices)
    {
        if (!access.TryTarget(caller, request.UserId!, IamRule.SelfOrAdmin, Denied("iam:mfa:deleteVirtualMFADevice"), out var user, out var error))
        {
            return error;
        }
        var outcome = devices.Delete(user.DomainId, user.Id, request.SerialNumber!);
        // IAM v3.0 answers 204 for a serial number it does not know (Terraform re-reads the device to be sure).
        return outcome.Device is not null || outcome.Failure == DeviceFailure.DeviceNotFound
            ? TypedResults.NoContent()
            : DeviceErrors.For(outcome, user.Id, request.SerialNumber!);
    }

    public static Results<JsonOk<ListMfaDevicesResponse>, ApiError> ListUserMfaDevices(HuaweiCaller caller, IamAccess access, VirtualMfaDevices devices)
    {
        if (!access.MayList(caller))
        {
            return IamErrors.NotAuthorized("iam:mfa:listVirtualMFADevices");
        }
        return JsonResults.Ok(new ListMfaDevicesResponse([.. devices.OfDomain(caller.DomainId).Select(d => new MfaDeviceView(d.SerialNumber, d.UserId))]));
    }

    public static Results<JsonOk<ShowMfaDeviceResponse>, ApiError> ShowUserMfaDevice(
        [AsParameters] UserPathRequest request, HuaweiCaller caller, IamAccess access, VirtualMfaDevices devices)
    {
        if (!access.TryTarget(caller, request.UserId, IamRule.SelfOrAdmin, Denied("iam:mfa:getVirtualMFADevice"), out var user, out var error))
        {
            return error;
        }
        return devices.OfUser(user.Id) is { } device
            ? JsonResults.Ok(new ShowMfaDeviceResponse(new MfaDeviceView(device.SerialNumber, device.UserId)))
            : IamErrors.NotFound("virtual MFA device of user", user.Id);
    }

    public static Results<JsonOk<LoginProtectResponse>, ApiError> UpdateLoginProtect(
        [AsParameters] UpdateLoginProtectRequest request, HuaweiCaller caller, IamAccess access, LoginProtectStore protects)
    {
        var spec = request.Body!.LoginProtect!;
        var denied = (HuaweiUser target) => IamErrors.NotAuthorized(caller.User.Id == target.Id
            ? "iam:users:updateLoginProtect (an administrator cannot change their own login protection)"
            : "iam:users:updateLoginProtect");
        if (!access.TryTarget(caller, request.UserId, IamRule.ChangeLoginProtect, denied, out var user, out var error))
        {
            return error;
        }
        // The console makes a bound phone or email a prerequisite of sms/email protection; vmfa needs no device
        // yet (the user binds one at the next sign-in). See openapi/DEVIATIONS.md.
        if (spec.Enabled == true && spec.VerificationMethod == LoginProtectMethods.Sms && string.IsNullOrEmpty(user.Mobile))
        {
            return IamErrors.InvalidParameter("verification_method", $"user {user.Id} has no mobile number for sms verification");
        }
        if (spec.Enabled == true && spec.VerificationMethod == LoginProtectMethods.Email && string.IsNullOrEmpty(user.Email))
        {
            return IamErrors.InvalidParameter("verification_method", $"user {user.Id} has no email address for email verification");
        }
        // Terraform disables with {"enabled": false, "verification_method": "sms"} and reads back only "none" as off.
        var method = spec.Enabled == true ? spec.VerificationMethod! : LoginProtectMethods.None;
        var saved = protects.Set(new LoginProtect(user.Id, user.DomainId, spec.Enabled!.Value, method));
        return JsonResults.Ok(new LoginProtectResponse(LoginProtectView.Of(saved)));
    }

    public static Results<JsonOk<LoginProtectResponse>, ApiError> ShowUserLoginProtect(
        [AsParameters] UserPathRequest request, HuaweiCaller caller, IamAccess access, LoginProtectStore protects)
    {
        if (!access.TryTarget(caller, request.UserId, IamRule.SelfOrAdmin, Denied("iam:users:getLoginProtect"), out var user, out var error))
        {
            return error;
        }
        return protects.Find(user.Id) is { } protect
            ? JsonResults.Ok(new LoginProtectResponse(LoginProtectView.Of(protect)))
            : IamErrors.NotFound("login protect of user", user.Id);
    }

    public static Results<JsonOk<ListLoginProtectsResponse>, ApiError> ListUserLoginProtects(HuaweiCaller caller, IamAccess access, LoginProtectStore protects)
    {
        if (!access.MayList(caller))
        {
            return IamErrors.NotAuthorized("iam:users:listLoginProtects");
        }
        return JsonResults.Ok(new ListLoginProtectsResponse([.. protects.OfDomain(caller.DomainId).Select(LoginProtectView.Of)]));
    }

    private static Func<HuaweiUser, ApiError> Denied(string action) => _ => IamErrors.NotAuthorized(action);
}
