using System.Text.Json;
using MfaEmulator.Common.Errors;

namespace MfaEmulator.Emulator;

/// <summary>
/// Keeps every failure inside the vendor's envelope: bodies that are not JSON or too large, unknown routes,
/// wrong methods and unexpected exceptions all answer as the family that owns the path would.
/// </summary>
internal sealed partial class VendorErrorMiddleware(RequestDelegate next, EmulatorOptions options, ILogger<VendorErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var family = ApiFamilies.For(context);
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException bad) when (!context.Response.HasStarted)
        {
            await family.WriteAsync(context, FromBadRequest(family, bad));
            return;
        }
        catch (Exception unexpected) when (!context.Response.HasStarted && unexpected is not OperationCanceledException)
        {
            LogUnexpected(logger, unexpected.GetType().Name, context.Request.Method, context.Request.Path);
            await family.WriteAsync(context, family.ForStatus(StatusCodes.Status500InternalServerError));
            return;
        }

        // grpc-dotnet answers gRPC's own transport errors (415, 426) with a grpc-status; they stay as they are.
        if (IsBodiless(context.Response) && !GrpcTransport.IsGrpcCall(context))
        {
            var status = context.Response.StatusCode;
            var method = context.Request.Method;
            var path = context.Request.Path.Value ?? "/";
            var error = status switch
            {
                StatusCodes.Status404NotFound => family.RouteNotFound(method, path),
                StatusCodes.Status405MethodNotAllowed => family.MethodNotAllowed(method, path),
                StatusCodes.Status415UnsupportedMediaType => NotJson(family),
                _ => family.ForStatus(status),
            };
            await family.WriteAsync(context, error);
        }
    }

    private ApiError FromBadRequest(ApiFamily family, BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return family.BodyTooLarge(options.MaxRequestBodyBytes);
        }
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            // The generated request delegates throw for a body that is not JSON; the reflection-built ones answered 415.
            return NotJson(family);
        }
        return bad.InnerException switch
        {
            JsonException json when UnknownField(json) is { } unknown => family.MalformedBody(unknown, $"'{unknown}' is not a field of this request"),
            JsonException json when IsTypeMismatch(json) && FieldOf(json.Path) is { } field => family.MalformedBody(field, $"'{field}' has the wrong JSON type"),
            JsonException => family.MalformedBody(null, "the body is not valid JSON"),
            _ => family.MalformedBody(null, bad.Message),
        };
    }

    private static ApiError NotJson(ApiFamily family) =>
        family.MalformedBody(null, "the body must be JSON, sent with Content-Type: application/json") with { Status = StatusCodes.Status415UnsupportedMediaType };

    /// <summary>The field a body named that the request type does not have (control routes refuse unknown fields).</summary>
    private static string? UnknownField(JsonException json) =>
        UnmappedMember().Match(json.Message) is { Success: true } match ? match.Groups[1].Value : null;

    [System.Text.RegularExpressions.GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial System.Text.RegularExpressions.Regex UnmappedMember();

    /// <summary>System.Text.Json says "could not be converted" when the JSON is well formed but a value has the wrong type.</summary>
    private static bool IsTypeMismatch(JsonException json) =>
        json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);

    /// <summary><c>$.login_protect.enabled</c> becomes <c>login_protect.enabled</c>.</summary>
    private static string? FieldOf(string? jsonPath) =>
        jsonPath is null or "$" ? null : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    private static bool IsBodiless(HttpResponse response) =>
        response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected {ExceptionType} while handling {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, string exceptionType, string method, string path);
}
