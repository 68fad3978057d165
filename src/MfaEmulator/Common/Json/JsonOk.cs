using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace MfaEmulator.Common.Json;

/// <summary>200 with a JSON body, written by <see cref="JsonAnswer"/>: what <c>TypedResults.Ok(value)</c> is in ASP.NET.</summary>
internal sealed class JsonOk<T>(T value) : IResult, IStatusCodeHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    public T Value { get; } = value;

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext) => JsonAnswer.WriteAsync(httpContext, StatusCodes.Status200OK, Value);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(JsonAnswer.Produces<T>(StatusCodes.Status200OK));
}
