using System.Net.Http.Json;

namespace FixtureExample;

/// <summary>
/// The code under test in this example: what an application's own HSS client might look like. It turns on
/// two-factor login (SMS) for a list of servers in a project, with an IAM token.
/// </summary>
public sealed class TwoFactorLoginClient(HttpClient http, string token)
{
    public async Task EnableAsync(string projectId, IReadOnlyList<string> hostIds, string topicUrn)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"v5/{projectId}/setting/two-factor-login/config")
        {
            Content = JsonContent.Create(new { enabled = true, auth_type = "sms", topic_display_name = "ops", topic_urn = topicUrn, host_id_list = hostIds }),
        };
        request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
