namespace MfaEmulator.Common.Errors;

/// <summary>
/// Every response carries <c>X-Request-Id</c>: the Huawei SDKs read the request id from it, and IAM v5 and
/// gateway error bodies repeat it as <c>request_id</c>.
/// </summary>
internal static class RequestIds
{
    public const string Header = "X-Request-Id";
    private static readonly object Key = new();

    public static string Get(HttpContext context) => context.Items[Key] as string ?? "";

    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // 32 hex digits like Huawei's; from the shared PRNG, as Guid.NewGuid's system call per request showed in traces.
        Span<byte> random = stackalloc byte[16];
        Random.Shared.NextBytes(random);
        var id = Convert.ToHexStringLower(random);
        context.Items[Key] = id;
        context.Response.Headers[Header] = id;
        return next(context);
    });
}
