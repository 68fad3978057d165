using FluentValidation.Results;

namespace MfaEmulator.Common.Errors;

/// <summary>
/// One vendor API family (HSS, IAM v3.0, Keystone, IAM v5, ZITADEL, the emulator's own routes): its error
/// envelope, its credential check, and the errors the pipeline raises before a handler runs.
/// </summary>
internal abstract class ApiFamily
{
    public abstract string Name { get; }

    /// <summary>True when a request path belongs to this family; families are asked in registration order.</summary>
    public abstract bool Owns(PathString path);

    /// <summary>The JSON value written for an error; its runtime type carries the vendor's property names.</summary>
    public abstract object Envelope(ApiError error, string requestId);

    /// <summary>Checks the caller's credentials; null when the request may go on.</summary>
    public virtual ValueTask<ApiError?> AuthenticateAsync(HttpContext context) => ValueTask.FromResult<ApiError?>(null);

    public virtual ApiError ValidationFailed(ValidationFailure failure) => new(400, failure.ErrorCode, failure.ErrorMessage);

    /// <summary>The body is not JSON, or a value has the wrong JSON type (<paramref name="field"/> names it when known).</summary>
    public abstract ApiError MalformedBody(string? field, string detail);

    public abstract ApiError BodyTooLarge(long limit);

    public abstract ApiError RouteNotFound(string method, string path);

    public virtual ApiError MethodNotAllowed(string method, string path) => RouteNotFound(method, path);

    /// <summary>What the vendor answers with an arbitrary status: used by injected faults and unexpected failures.</summary>
    public abstract ApiError ForStatus(int status);

    protected virtual string ContentType => "application/json";

    public Task WriteAsync(HttpContext context, ApiError error)
    {
        var envelope = Envelope(error, RequestIds.Get(context));
        context.Response.StatusCode = error.Status;
        return context.Response.WriteAsJsonAsync(envelope, envelope.GetType(), options: null, contentType: ContentType, cancellationToken: context.RequestAborted);
    }
}
