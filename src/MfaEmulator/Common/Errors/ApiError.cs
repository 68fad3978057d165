namespace MfaEmulator.Common.Errors;

/// <summary>
/// A failure as a value: the HTTP status, the vendor's error code and message. Handlers return it and the
/// API family that owns the route turns it into that vendor's envelope (see <see cref="ApiFamily"/>).
/// </summary>
/// <remarks><see cref="GrpcCode"/> is for ZITADEL only: the gRPC status code its REST gateway carries in <c>code</c>.</remarks>
internal sealed record ApiError(int Status, string? Code, string Message, int GrpcCode = 0) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => ApiFamilies.For(httpContext).WriteAsync(httpContext, this);
}
