using MfaEmulator.Common.Errors;

namespace MfaEmulator.Huawei.Iam;

/// <summary>How IAM (v3.0 and v5 alike) words a device operation's failure.</summary>
internal static class DeviceErrors
{
    public static ApiError For(DeviceOutcome outcome, string userId, string serialNumber) => outcome.Failure switch
    {
        DeviceFailure.DeviceNotFound => IamErrors.NotFound("virtual MFA device", serialNumber),
        DeviceFailure.DuplicateName => IamErrors.Conflict("virtual MFA device", $"A device with serial number {serialNumber} already exists."),
        DeviceFailure.UserHasDevice => IamErrors.Conflict("virtual MFA device", $"User {userId} already has a virtual MFA device; an IAM user can have only one."),
        DeviceFailure.OtherUsersDevice => IamErrors.Conflict("virtual MFA device", $"Device {serialNumber} belongs to another user."),
        DeviceFailure.AlreadyBound => IamErrors.Conflict("virtual MFA device", $"Device {serialNumber} is already bound (enabled)."),
        DeviceFailure.NotBound => IamErrors.Conflict("virtual MFA device", $"Device {serialNumber} is not bound (enabled)."),
        DeviceFailure.BadCodes => IamErrors.InvalidPasscode(outcome.CodeFailure),
        _ => IamErrors.Unexpected(),
    };
}
