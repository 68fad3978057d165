using System.Globalization;
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

namespace MfaEmulator.Huawei.IamV5;

/// <summary>
/// Huawei Cloud IAM v5 virtual MFA devices around EnableMfaDeviceV5 (seed 002). Devices live in the same
/// store as IAM v3.0's, so either API sees devices made through the other.
/// </summary>
internal static class IamV5Endpoints
{
    public const string Tag = "Huawei IAM v5: virtual MFA devices";

    public static IServiceCollection AddIamV5(this IServiceCollection services) =>
        services.AddJsonContracts(IamV5JsonContext.Default)
            .AddValidators(typeof(CreateVirtualMfaDeviceV5Validator), typeof(EnableMfaDeviceV5Validator), typeof(DisableMfaDeviceV5Validator), typeof(DeleteVirtualMfaDeviceV5Validator), typeof(ListMfaDevicesV5Validator))
            .AddSingleton<ApiFamily, IamV5Family>();

    public static RouteGroupBuilder MapIamV5(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v5").WithTags(Tag).RequireVendorCredentials().WithValidation();

        var createExample = new { virtual_mfa_device_name = "phone", user_id = DefaultHuaweiAccount.AdminId };
        group.MapPost("/virtual-mfa-devices", CreateVirtualMfaDeviceV5)
            .WithName("CreateVirtualMfaDeviceV5")
            .WithRequestExample(createExample)
            .WithSummary("Create a virtual MFA device (the seed is returned only here)")
            .ProducesErrors<IamV5ErrorEnvelope>(400, 401, 403, 404, 409);
        group.MapPost("/mfa-devices/enable", EnableMfaDeviceV5)
            .WithName("EnableMfaDeviceV5")
            .AsDocumentedOperation()
            .WithRequestExample(new
            {
                user_id = DefaultHuaweiAccount.AdminId,
                serial_number = SerialNumbers.V5(DefaultHuaweiAccount.DomainId, "phone"),
                authentication_code_first = DeviceCodesEndpoints.ExampleFirstCode,
                authentication_code_second = DeviceCodesEndpoints.ExampleSecondCode,
            })
            .WithTryItOut(DeviceCodesEndpoints.TryItOut("/v5/virtual-mfa-devices", createExample))
            .WithSummary("Enable a virtual MFA device with two consecutive verification codes")
            .WithDescription("In Swagger UI, sending the example unchanged creates the example device first and sends its live codes (from GET /_emulator/mfa-devices/codes). A user holds one virtual MFA device: after trying v3 bind or v5 enable for the default admin, POST /_emulator/reset before trying the other.")
            .ProducesErrors<IamV5ErrorEnvelope>(400, 401, 403, 404, 409);
        group.MapPost("/mfa-devices/disable", DisableMfaDeviceV5)
            .WithName("DisableMfaDeviceV5")
            .WithRequestExample(new { user_id = DefaultHuaweiAccount.AdminId, serial_number = SerialNumbers.V5(DefaultHuaweiAccount.DomainId, "phone") })
            .WithSummary("Disable (detach) a virtual MFA device")
            .ProducesErrors<IamV5ErrorEnvelope>(400, 401, 403, 404, 409);
        group.MapDelete("/virtual-mfa-devices", DeleteVirtualMfaDeviceV5)
            .WithName("DeleteVirtualMfaDeviceV5")
            .WithSummary("Delete a disabled virtual MFA device")
            .ProducesErrors<IamV5ErrorEnvelope>(400, 401, 403, 404, 409);
        group.MapGet("/mfa-devices", ListMfaDevicesV5)
            .WithName("ListMfaDevicesV5")
            .WithSummary("List MFA devices, paged with limit and marker")
            .ProducesErrors<IamV5ErrorEnvelope>(400, 401, 403, 404);
        return group;
    }

    public static Results<JsonCreated<CreateVirtualMfaDeviceV5Response>, ApiError> CreateVirtualMfaDeviceV5(
        [AsParameters] CreateVirtualMfaDeviceV5Request request, HuaweiCaller caller, IamAccess access, VirtualMfaDevices devices)
    {
        var body = request.Body!;
        if (Target(caller, access, body.UserId!, "iam:mfa:createVirtualMFADeviceV5", out var user) is { } error)
        {
            return error;
        }
        var serial = SerialNumbers.V5(caller.DomainId, body.VirtualMfaDeviceName!);
        // The stored user's id, not the body's copy of it: one string per device, not two.
        var outcome = devices.Create(caller.DomainId, user!.Id, body.VirtualMfaDeviceName!, serial);
        return outcome.Device is { } device
            ? JsonResults.Created((string?)null, new CreateVirtualMfaDeviceV5Response(new CreatedVirtualMfaDeviceV5(device.SerialNumber, Base32.Encode(device.Secret))))
            : DeviceErrors.For(outcome, body.UserId!, serial);
    }

    public static Results<Ok, ApiError> EnableMfaDeviceV5(
        [AsParameters] EnableMfaDeviceV5Request request, HuaweiCaller caller, IamAccess access, VirtualMfaDevices devices)
    {
        var body = request.Body!;
        if (Target(caller, access, body.UserId!, "iam:mfa:enableV5") is { } error)
        {
            return error;
        }
        var outcome = devices.Bind(caller.DomainId, body.UserId!, body.SerialNumber!, body.AuthenticationCodeFirst!, body.AuthenticationCodeSecond!);
        return outcome.Device is not null ? TypedResults.Ok() : DeviceErrors.For(outcome, body.UserId!, body.SerialNumber!);
    }

    public static Results<Ok, ApiError> DisableMfaDeviceV5(
        [AsParameters] DisableMfaDeviceV5Request request, HuaweiCaller caller, IamAccess access, VirtualMfaDevices devices)
    {
        var body = request.Body!;
        if (Target(caller, access, body.UserId!, "iam:mfa:disableV5") is { } error)
        {
            return error;
        }
        var outcome = devices.Unbind(caller.DomainId, body.UserId!, body.SerialNumber!, code: null);
        return outcome.Device is not null ? TypedResults.Ok() : DeviceErrors.For(outcome, body.UserId!, body.SerialNumber!);
    }

    public static Results<NoContent, ApiError> DeleteVirtualMfaDeviceV5(
        [AsParameters] DeleteVirtualMfaDeviceV5Request request, HuaweiCaller caller, IamAccess access, VirtualMfaDevices devices)
    {
        if (Target(caller, access, request.UserId!, "iam:mfa:deleteVirtualMFADeviceV5") is { } error)
        {
            return error;
        }
        var outcome = devices.Delete(caller.DomainId, request.UserId!, request.SerialNumber!);
        return outcome.Device is not null ? TypedResults.NoContent() : DeviceErrors.For(outcome, request.UserId!, request.SerialNumber!);
    }

    public static Results<JsonOk<ListMfaDevicesV5Response>, ApiError> ListMfaDevicesV5(
        [AsParameters] ListMfaDevicesV5Request request, HuaweiCaller caller, IamAccess access, VirtualMfaDevices devices)
    {
        var userId = request.UserId;
        if (userId is not null && Target(caller, access, userId, "iam:mfa:listMFADevicesV5") is { } error)
        {
            return error;
        }
        // In strict mode a user who is not an administrator sees only their own devices.
        if (userId is null && !access.MayList(caller))
        {
            userId = caller.User.Id;
        }
        var limit = request.Limit is null ? IamV5Limits.DefaultLimit : int.Parse(request.Limit, CultureInfo.InvariantCulture);
        var after = request.Marker is null ? 0 : PageMarker.Decode(request.Marker)!.Value;
        var page = devices.OfDomain(caller.DomainId, userId, after, take: limit + 1);
        var shown = page.Take(limit).ToList();
        var next = page.Count > limit ? PageMarker.Encode(shown[^1].Sequence) : null;
        return JsonResults.Ok(new ListMfaDevicesV5Response(
            [.. shown.Select(d => new MfaDeviceV5View(d.SerialNumber, d.UserId, d.Enabled))],
            new PageInfo(next, shown.Count)));
    }

    /// <summary>Null when the caller may act on the user: same account (else 404) and, in strict mode, themself or an administrator (else 403).</summary>
    private static ApiError? Target(HuaweiCaller caller, IamAccess access, string userId, string action) => Target(caller, access, userId, action, out _);

    private static ApiError? Target(HuaweiCaller caller, IamAccess access, string userId, string action, out HuaweiUser? user) =>
        access.TryTarget(caller, userId, IamRule.SelfOrAdmin, denied => IamV5Errors.AccessDenied(action, $"iam::{caller.DomainId}:user:{denied.Name}"), out user, out var error)
            ? null
            : error;
}
