using System.Globalization;
using MfaEmulator.Huawei.Auth;

namespace MfaEmulator.Tests.Infrastructure;

/// <summary>Signs a request the way the official Huawei SDKs do (proven by the SDK's own vectors in SdkHmacSignatureTests).</summary>
internal static class AkSkSigner
{
    public static async Task<HttpRequestMessage> SignAsync(this HttpRequestMessage request, string accessKey, string secretKey, DateTimeOffset at, string host = "localhost")
    {
        var date = at.UtcDateTime.ToString(SdkHmacSignature.DateFormat, CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation(SdkHmacSignature.DateHeader, date);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync();
        var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.IsAbsoluteUri ? request.RequestUri.Query : new Uri("http://x" + request.RequestUri).Query);
        var path = request.RequestUri.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString.Split('?')[0];
        var signed = new SignedRequest(
            request.Method.Method,
            Uri.UnescapeDataString(path),
            [.. query.AllKeys.Select(k => new KeyValuePair<string, string[]>(k!, query.GetValues(k)!))],
            [("host", host), (SdkHmacSignature.DateHeader, date)],
            SdkHmacSignature.HexSha256(body),
            date);
        var signature = SdkHmacSignature.Compute(signed, secretKey);
        request.Headers.TryAddWithoutValidation("Authorization", $"SDK-HMAC-SHA256 Access={accessKey}, SignedHeaders=host;x-sdk-date, Signature={signature}");
        return request;
    }
}
