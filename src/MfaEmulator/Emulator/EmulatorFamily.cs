using MfaEmulator.Common.Errors;
using Microsoft.AspNetCore.Mvc;

namespace MfaEmulator.Emulator;

/// <summary>The emulator's own routes (and any path no vendor family claims) answer in RFC 9457 ProblemDetails.</summary>
internal sealed class EmulatorFamily : ApiFamily
{
    public override string Name => "MfaEmulator control routes";

    public override bool Owns(PathString path) => true;

    protected override string ContentType => "application/problem+json";

    public override object Envelope(ApiError error, string requestId) => new ProblemDetails
    {
        Status = error.Status,
        Title = HttpReasons.For(error.Status),
        Detail = error.Message,
        Type = $"https://httpstatuses.io/{error.Status}",
        Extensions = { ["request_id"] = requestId, ["code"] = error.Code },
    };

    public override ApiError ValidationFailed(FluentValidation.Results.ValidationFailure failure) =>
        new(400, "emulator.invalid_request", failure.ErrorMessage);

    public override ApiError MalformedBody(string? field, string detail) => new(400, "emulator.malformed_body", detail);

    public override ApiError BodyTooLarge(long limit) => new(413, "emulator.body_too_large", $"The body exceeds {limit} bytes.");

    public override ApiError RouteNotFound(string method, string path) => new(404, "emulator.not_found", $"No route {method} {path}.");

    public override ApiError MethodNotAllowed(string method, string path) => new(405, "emulator.method_not_allowed", $"{path} does not take {method}.");

    public override ApiError ForStatus(int status) => new(status, "emulator.error", HttpReasons.For(status));
}
