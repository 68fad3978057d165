using System.Text.Json;
using FluentValidation;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using MfaEmulator.Common.Errors;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace MfaEmulator.Zitadel.Grpc;

/// <summary>
/// The order of ZITADEL's interceptor chain for a gRPC call (internal/api/grpc/server/server.go): the token, the
/// org and the method's permission (the same checks as the REST gateway's, by <see cref="ZitadelFamily"/>), before
/// the handler validates and runs.
/// </summary>
internal sealed class ZitadelGrpcAuthInterceptor(ZitadelFamily family) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (await family.AuthenticateAsync(context.GetHttpContext()) is { } error)
        {
            throw ZitadelGrpcErrors.ToRpcException(error);
        }
        return await continuation(request, context);
    }
}

/// <summary>
/// What a gRPC handler needs to reach the one implementation the REST routes use: the caller, and the request
/// decoded into the REST request types and validated by the same validators. A message goes through its proto3
/// JSON form (<see cref="JsonFormatter"/>), which is exactly what the REST gateway decodes, so both transports
/// read fields, enums and durations alike.
/// </summary>
internal sealed class ZitadelGrpcCalls(IServiceProvider services, IOptions<JsonOptions> json)
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    public static ZitadelCaller CallerOf(ServerCallContext context) =>
        ZitadelCaller.Of(context.GetHttpContext()) ?? throw new InvalidOperationException("the call was not authenticated");

    /// <summary>The message's fields as the REST body type <typeparamref name="TBody"/>.</summary>
    public TBody Decode<TBody>(IMessage message)
    {
        string text;
        try
        {
            text = Formatter.Format(message);
        }
        catch (InvalidOperationException e)
        {
            // A Duration or Timestamp out of its range has no JSON form.
            throw ZitadelGrpcErrors.ToRpcException(ZitadelErrors.InvalidArgument($"proto: {e.Message}"));
        }
        return JsonSerializer.Deserialize<TBody>(text, json.Value.SerializerOptions)!;
    }

    /// <summary>Runs the request type's validator; its first failure is the call's error.</summary>
    public T Valid<T>(T request)
    {
        var result = services.GetRequiredService<IValidator<T>>().Validate(request);
        if (!result.IsValid)
        {
            var failure = result.Errors[0];
            throw ZitadelGrpcErrors.ToRpcException(failure.CustomState as ApiError ?? ZitadelErrors.InvalidArgument(failure.ErrorMessage));
        }
        return request;
    }

    /// <summary>The value of an outcome, or its error as the call's status.</summary>
    public static T Answer<T>(Outcome<T> outcome) =>
        outcome.Value ?? throw ZitadelGrpcErrors.ToRpcException(outcome.Error!);
}
