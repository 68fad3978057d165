using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Json;
using MfaEmulator.Common.Totp;
using MfaEmulator.Emulator;
using MfaEmulator.Huawei.Iam;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MfaEmulator.Huawei.Control;

/// <summary>The codes an authenticator app would show for a device right now, so tests need no TOTP library.</summary>
internal static class DeviceCodesEndpoints
{
    public static RouteGroupBuilder MapDeviceCodes(this RouteGroupBuilder group)
    {
        group.MapGet("/mfa-devices/codes", GetCodes)
            .WithName("GetMfaDeviceCodes")
            .WithSummary("Previous, current and next TOTP codes of a virtual MFA device (IAM v3 or v5) at the emulator's clock")
            .WithDescription("Bind or enable with {previous, current} as authentication_code_first/second, as a person typing two consecutive codes would.")
            .ProducesProblem(400).ProducesProblem(404);
        return group;
    }

    public const string ExampleFirstCode = "977931";
    public const string ExampleSecondCode = "527347";

    /// <summary>
    /// Swagger UI's "Try it out" on bind (v3) and enable (v5): the example's device is created first (a 409 when it
    /// exists is fine), then the example's two codes become the device's previous and current codes.
    /// </summary>
    public static TryItOutPreparation TryItOut(string createPath, object createBody) => new(
        [new TryItOutCall("POST", createPath, createBody)],
        "/_emulator/mfa-devices/codes?serial_number={serial_number}",
        new Dictionary<string, string> { ["authentication_code_first"] = "previous", ["authentication_code_second"] = "current" },
        new Dictionary<string, string> { ["authentication_code_first"] = ExampleFirstCode, ["authentication_code_second"] = ExampleSecondCode });

    public static Results<JsonOk<DeviceCodes>, ApiError> GetCodes([AsParameters] CodesRequest request, VirtualMfaDevices devices, TimeProvider clock)
    {
        if (devices.Find(request.SerialNumber!) is not { } device)
        {
            return HuaweiControlErrors.DeviceNotFound(request.SerialNumber!);
        }
        var now = clock.GetUtcNow();
        var step = Totp.StepAt(now);
        using var codes = Totp.CodesOf(device.Secret);
        var validFor = (int)Math.Ceiling((Totp.StepEnd(step) - now).TotalSeconds);
        return JsonResults.Ok(new DeviceCodes(
            device.SerialNumber,
            codes.ForStep(step - 1),
            codes.ForStep(step),
            codes.ForStep(step + 1),
            Totp.StepSeconds,
            validFor,
            now));
    }
}
