using MfaEmulator.Common.Errors;

namespace MfaEmulator.Emulator;

/// <summary>The control routes' errors (RFC 9457 ProblemDetails with an <c>emulator.*</c> code), one method per code.</summary>
internal static class ControlErrors
{
    public static ApiError InvalidRequest(string message) => new(400, "emulator.invalid_request", message);

    public static ApiError MalformedBody(string detail) => new(400, "emulator.malformed_body", detail);

    public static ApiError InvalidState(string message) => new(400, "emulator.invalid_state", message);

    public static ApiError ControlKeyRequired(string header) =>
        new(401, "emulator.control_key", $"The control routes need the {header} header given by --control-key.");

    public static ApiError NotFound(string message) => new(404, "emulator.not_found", message);

    public static ApiError RouteNotFound(string method, string path) => NotFound($"No route {method} {path}.");

    public static ApiError Conflict(string code, string message) => new(409, code, message);

    public static ApiError FaultNotFound(string id) => new(404, "emulator.fault_not_found", $"No armed fault {id}.");

    public static ApiError MethodNotAllowed(string method, string path) => new(405, "emulator.method_not_allowed", $"{path} does not take {method}.");

    public static ApiError BodyTooLarge(long limit) => new(413, "emulator.body_too_large", $"The body exceeds {limit} bytes.");

    public static ApiError ForStatus(int status) => new(status, "emulator.error", HttpReasons.For(status));
}
