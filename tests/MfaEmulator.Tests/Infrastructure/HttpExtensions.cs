using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MfaEmulator.Tests.Infrastructure;

internal static class HttpExtensions
{
    public const string AnyToken = "MIIAnyWellFormedToken";

    public static HttpRequestMessage Json(HttpMethod method, string path, object? body, string? token = AnyToken)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body is string raw
                ? new StringContent(raw, Encoding.UTF8, "application/json")
                : new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
        }
        return request;
    }

    public static HttpRequestMessage Bearer(this HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public static async Task<JsonElement> JsonBody(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"expected a JSON body with {(int)response.StatusCode}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static string Str(this JsonElement element, string property) =>
        element.GetProperty(property).GetString() ?? throw new InvalidOperationException($"{property} is null");

    public static string[] PropertyNames(this JsonElement element) =>
        [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
