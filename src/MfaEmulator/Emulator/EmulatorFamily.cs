using MfaEmulator.Common.Errors;
using Microsoft.AspNetCore.Mvc;

namespace MfaEmulator.Emulator;

/// <summary>The emulator's own routes (and any path no vendor family claims) answer in RFC 9457 ProblemDetails.</summary>
internal sealed class EmulatorFamily : ApiFamily
{
    public override string Name => "MfaEmulator control routes";

    public override IReadOnlyList<PathString> Prefixes => [];

    protected override string ContentType => "application/problem+json";

    public override object Envelope(ApiError error, string requestId) => new ProblemDetails
    {
        Status = error.Status,
        Title = HttpReasons.For(error.Status),
        Detail = error.Message,
        Type = $"https://httpstatuses.io/{error.Status}",
        Extensions = { ["request_id"] = requestId, ["code"] = error.Code },
    };

    public override ApiError MalformedBody(string? field, string detail) => ControlErrors.MalformedBody(detail);

    public override ApiError BodyTooLarge(long limit) => ControlErrors.BodyTooLarge(limit);

    public override ApiError RouteNotFound(string method, string path) => ControlErrors.RouteNotFound(method, path);

    public override ApiError MethodNotAllowed(string method, string path) => ControlErrors.MethodNotAllowed(method, path);

    public override ApiError ForStatus(int status) => ControlErrors.ForStatus(status);
}
