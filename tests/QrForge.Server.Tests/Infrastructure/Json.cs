using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QrForge.Server.Tests.Infrastructure;

internal static class Json
{
    public static StringContent Body(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new JsonException("empty body");

    public static async Task<JsonNode> PostAsync(HttpClient client, string url, string json, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.Created)
    {
        using var response = await client.PostAsync(url, Body(json));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static Task<HttpResponseMessage> PatchAsync(HttpClient client, string url, string json) =>
        client.PatchAsync(url, Body(json));

    public static Task<T?> GetAsync<T>(HttpClient client, string url) => client.GetFromJsonAsync<T>(url);
}
