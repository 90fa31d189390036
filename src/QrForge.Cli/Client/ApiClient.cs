using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QrForge.Cli.Client;

/// <summary>
/// A failed call: the problem details' title and detail (and field errors) on one line; exit code 2 for a
/// request the service called invalid (400/422), 1 otherwise.
/// </summary>
internal sealed class ApiException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>Calls the service's HTTP API with an API key and returns the JSON answer.</summary>
internal sealed class ApiClient(ClientSettings settings) : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = settings.Server,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { { "X-Api-Key", settings.ApiKey }, { "User-Agent", "qrforge-cli" } },
    };

    public void Dispose() => _http.Dispose();

    public Task<JsonNode?> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    public Task<JsonNode?> PostAsync(string path, JsonObject? body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body, ct);

    public Task<JsonNode?> DeleteAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Delete, path, null, ct);

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new ApiException(ExitCodes.Failure, $"{settings.Server}: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ApiException(ExitCodes.Failure, $"{settings.Server}: no answer within {_http.Timeout.TotalSeconds:0} s");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonNode? json = null;
            try
            {
                json = text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's error page): reported by status below.
            }

            if (response.IsSuccessStatusCode)
            {
                return json;
            }

            throw new ApiException(
                response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity ? ExitCodes.Usage : ExitCodes.Failure,
                Describe(response.StatusCode, json));
        }
    }

    private static string Describe(HttpStatusCode status, JsonNode? problem)
    {
        var message = $"{(int)status} {problem?["title"]?.GetValue<string>() ?? status.ToString()}";
        if (problem?["detail"]?.GetValue<string>() is { Length: > 0 } detail)
        {
            message += ": " + detail;
        }

        if (problem?["errors"] is JsonObject errors)
        {
            message += " " + string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value?.AsArray().Select(m => m?.GetValue<string>()) ?? [])}"));
        }

        if (status == HttpStatusCode.Unauthorized)
        {
            message += " (the API key was refused: check QRFORGE_API_KEY or the config file)";
        }

        return message;
    }
}
