using System.Text.Json.Nodes;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Passes;

/// <summary>Makes an event (today 10:00 to tomorrow 10:00 on the test clock), a subject and passes through the API.</summary>
internal static class PassSeed
{
    public const string EventJson = """{"name":"Spring fair","starts_at":"2026-11-24T10:00:00Z","ends_at":"2026-11-25T10:00:00Z","time_zone":"Europe/Berlin","checkpoints":["gate-a","gate-b","stall-7"]}""";

    public static async Task<string> EventAsync(HttpClient client) => (string)(await Json.PostAsync(client, "/api/v1/events", EventJson))["id"]!;

    public static async Task<string> SubjectAsync(HttpClient client, string? externalId = null) =>
        (string)(await Json.PostAsync(client, "/api/v1/subjects", $$$"""{"kind":"student","external_id":"{{{externalId ?? "S-" + Guid.NewGuid().ToString("N")}}}","name":"Ada Lovelace","attributes":{"class":"4b"}}"""))["id"]!;

    public static Task<JsonNode> PassAsync(HttpClient client, string eventId, string subjectId) =>
        Json.PostAsync(client, "/api/v1/passes", $$"""{"event_id":"{{eventId}}","subject_id":"{{subjectId}}"}""");

    public static async Task<JsonNode> PassAsync(HttpClient client)
    {
        var eventId = await EventAsync(client);
        var subjectId = await SubjectAsync(client);
        return await PassAsync(client, eventId, subjectId);
    }

    public static async Task<string> VerifyAsync(HttpClient client, string? token) =>
        (string)(await Json.PostAsync(client, "/api/v1/passes/verify", System.Text.Json.JsonSerializer.Serialize(new { token }), System.Net.HttpStatusCode.OK))["result"]!;
}
