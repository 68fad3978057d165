using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace MfaEmulator.Common.Json;

/// <summary>
/// 201 with a JSON body and, when given, a <c>Location</c>, written by <see cref="JsonAnswer"/>: what
/// <c>TypedResults.Created(location, value)</c> is in ASP.NET.
/// </summary>
internal sealed class JsonCreated<T>(string? location, T value) : IResult, IStatusCodeHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    public string? Location { get; } = location;

    public T Value { get; } = value;

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status201Created;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (Location is not null)
        {
            httpContext.Response.Headers.Location = Location;
        }
        return JsonAnswer.WriteAsync(httpContext, StatusCodes.Status201Created, Value);
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(JsonAnswer.Produces<T>(StatusCodes.Status201Created));
}
