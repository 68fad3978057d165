namespace MfaEmulator.Common.Errors;

/// <summary>
/// Every response carries <c>X-Request-Id</c>: the Huawei SDKs read the request id from it, and IAM v5 and
/// gateway error bodies repeat it as <c>request_id</c>.
/// </summary>
internal static class RequestIds
{
    public const string Header = "X-Request-Id";
    public static string Get(HttpContext context) => context.Features.Get<RequestId>()?.Value ?? "";

    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // 32 hex digits like Huawei's; from the shared PRNG, as Guid.NewGuid's system call per request showed in traces.
        Span<byte> random = stackalloc byte[16];
        Random.Shared.NextBytes(random);
        var id = Convert.ToHexStringLower(random);
        context.Features.Set(new RequestId(id));
        context.Response.Headers[Header] = id;
        return next(context);
    });

    /// <summary>
    /// Kept as a feature, like everything else the pipeline attaches to a request: a feature reuses the connection's
    /// slots, where the first use of <c>HttpContext.Items</c> makes a dictionary per request.
    /// </summary>
    private sealed record RequestId(string Value);
}
