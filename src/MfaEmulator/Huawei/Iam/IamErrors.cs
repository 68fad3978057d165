using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Totp;

namespace MfaEmulator.Huawei.Iam;

/// <summary>IAM's error codes (iam_02_0006, the IAM error-code table), one factory per code, for IAM v3.0 and v5 alike.</summary>
internal static class IamErrors
{
    public static ApiError RequiredProperty(string field) => new(400, "IAM.0072", $"'{field}' is a required property.");

    public static ApiError InvalidInput(string field, string reason) => new(400, "IAM.0073", $"Invalid input for field '{field}': {reason}.");

    public static ApiError InvalidParameter(string key, string reason) => new(400, "IAM.0007", $"Request parameter {key} is invalid: {reason}.");

    public static ApiError InvalidBody(string reason) => new(400, "IAM.0011", $"Request body is invalid: {reason}.");

    public static ApiError InvalidPasscode(CodeFailure why) => new(400, "IAM.1061", InvalidPasscodeMessage(why));

    public static ApiError UnbindWhileVmfa() =>
        new(400, "IAM.1062", "Login protection has been bound to mfa, the unbinding operation cannot be performed.");

    public static ApiError NotAuthorized(string action) =>
        new(403, "IAM.0002", $"You are not authorized to perform the requested action: {action}.");

    public static ApiError NotFound(string target, string id) => new(404, "IAM.0004", $"Could not find {target}: {id}.");

    public static ApiError Conflict(string type, string detail) => new(409, "IAM.0005", $"Conflict occurred attempting to store {type}. {detail}");

    public static ApiError Throttled() => new(429, "IAM.0012", "The throttling threshold has been reached.");

    public static ApiError Unexpected() => new(500, "IAM.0006", "An unexpected error prevented the server from fulfilling your request.");

    /// <summary>Whole messages, constants: rejected codes are the commonest answer of the bind and enable routes, and cost no string.</summary>
    public static string InvalidPasscodeMessage(CodeFailure why) => why switch
    {
        CodeFailure.Malformed => $"{InvalidPasscodeLead} Verification codes are 6 digits.",
        CodeFailure.Equal => $"{InvalidPasscodeLead} The two verification codes must be consecutive codes, not the same code twice.",
        CodeFailure.Replayed => $"{InvalidPasscodeLead} That code was already used; wait for the next one.",
        _ => $"{InvalidPasscodeLead} The codes do not match the device for the current time (send two consecutive codes, the earlier first).",
    };

    private const string InvalidPasscodeLead = "Invalid TOTP passcode.";

    /// <summary>The body is not JSON (no field), or a field has the wrong JSON type.</summary>
    public static ApiError MalformedBody(string? field, string detail) =>
        field is null ? InvalidBody(detail) : InvalidInput(field, detail);

    /// <summary>What IAM answers for a status with no more specific error (injected faults, bare statuses).</summary>
    public static ApiError ForStatus(int status) => status switch
    {
        400 => InvalidBody("rejected by an injected fault"),
        401 => GatewayErrors.Unauthenticated("rejected by an injected fault"),
        403 => NotAuthorized("rejected by an injected fault"),
        404 => NotFound("resource", "rejected by an injected fault"),
        409 => Conflict("resource", "Rejected by an injected fault."),
        429 => Throttled(),
        _ => Unexpected() with { Status = status },
    };
}
