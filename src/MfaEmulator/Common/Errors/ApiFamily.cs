using MfaEmulator.Common.Json;

namespace MfaEmulator.Common.Errors;

/// <summary>
/// One vendor API family (HSS, IAM v3.0, Keystone, IAM v5, ZITADEL, the emulator's own routes): the paths it
/// owns, its error envelope, its credential check, and the errors the pipeline raises before a handler runs.
/// </summary>
internal abstract class ApiFamily
{
    public abstract string Name { get; }

    /// <summary>
    /// The path prefixes this family owns. A path belongs to the family with the longest matching prefix (whole
    /// segments), so the order families are registered in never matters. Empty: the family that answers for
    /// every path no other family claims.
    /// </summary>
    public abstract IReadOnlyList<PathString> Prefixes { get; }

    /// <summary>The OpenAPI security scheme its routes take credentials by; null when they take none.</summary>
    public virtual string? SecurityScheme => null;

    /// <summary>Whether a body is read as JSON whatever media type it declares (otherwise a non-JSON type is 415).</summary>
    public virtual bool ReadsAnyBodyAsJson => false;

    /// <summary>The JSON value written for an error; its runtime type carries the vendor's property names.</summary>
    public abstract object Envelope(ApiError error, string requestId);

    /// <summary>Checks the caller's credentials; null when the request may go on.</summary>
    public virtual ValueTask<ApiError?> AuthenticateAsync(HttpContext context) => ValueTask.FromResult<ApiError?>(null);

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
        return JsonAnswer.WriteAsync(context, error.Status, Envelope(error, RequestIds.Get(context)), ContentType);
    }
}
