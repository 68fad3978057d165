namespace MfaEmulator.Common.Errors;

/// <summary>
/// What one operation of an emulated API produced: its value, or the vendor error to answer. Lets one
/// implementation serve several transports (REST, gRPC), each rendering the value or the error its own way.
/// </summary>
internal readonly record struct Outcome<T>(T? Value, ApiError? Error)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(ApiError error) => new(default, error);
}
