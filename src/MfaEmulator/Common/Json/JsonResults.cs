namespace MfaEmulator.Common.Json;

/// <summary>The JSON answers handlers return, as <c>TypedResults</c> gives them, but written by <see cref="JsonAnswer"/> (see there for why).</summary>
internal static class JsonResults
{
    public static JsonOk<T> Ok<T>(T value) => new(value);

    public static JsonCreated<T> Created<T>(string? location, T value) => new(location, value);
}
