using System.Net;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Links;

/// <summary>One SQLite host shared by the validation cases (the checks run before anything touches the database).</summary>
public sealed class LinkValidationHost : IAsyncLifetime
{
    public QrForgeFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = await LinkTestHost.CreateAsync(Database.Sqlite, new()
        {
            ["QrForge:Links:BlockedDomains:0"] = "evil.example",
            ["QrForge:Links:BlockedDomains:1"] = "xn--bcher-kva.example",
        });
        Client = await LinkTestHost.OperatorAsync(Factory);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}

/// <summary>Every bad input of create and update is a 400 naming the field, and changes nothing.</summary>
public sealed class LinkValidationTests(LinkValidationHost host) : IClassFixture<LinkValidationHost>
{
    private readonly HttpClient _client = host.Client;

    [Theory]
    [InlineData("""{}""", "destination")]
    [InlineData("""{"destination":"javascript:alert(1)"}""", "destination")]
    [InlineData("""{"destination":"data:text/html,hi"}""", "destination")]
    [InlineData("""{"destination":"file:///etc/passwd"}""", "destination")]
    [InlineData("""{"destination":"ftp://example.com/"}""", "destination")]
    [InlineData("""{"destination":"/relative/path"}""", "destination")]
    [InlineData("""{"destination":"https://user:pw@example.com/"}""", "destination")]
    [InlineData("""{"destination":"https://user@example.com/"}""", "destination")]
    [InlineData("""{"destination":"https://exa mple.com/"}""", "destination")]
    [InlineData("""{"destination":"https://evil.example/"}""", "destination")]
    [InlineData("""{"destination":"https://www.Evil.Example/x"}""", "destination")]
    [InlineData("""{"destination":"https://shop.bücher.example/"}""", "destination")]
    [InlineData("""{"destination":"https://example.com/","slug":"api"}""", "slug")]
    [InlineData("""{"destination":"https://example.com/","slug":"Health"}""", "slug")]
    [InlineData("""{"destination":"https://example.com/","slug":"well-known"}""", "slug")]
    [InlineData("""{"destination":"https://example.com/","slug":"ab"}""", "slug")]
    [InlineData("""{"destination":"https://example.com/","slug":"has space"}""", "slug")]
    [InlineData("""{"destination":"https://example.com/","slug":"ünï"}""", "slug")]
    [InlineData("""{"destination":"https://example.com/","slug":"-dash"}""", "slug")]
    [InlineData("""{"destination":"https://example.com/","redirect_status":303}""", "redirect_status")]
    [InlineData("""{"destination":"https://example.com/","max_scans":0}""", "max_scans")]
    [InlineData("""{"destination":"https://example.com/","expires_at":"2020-01-01T00:00:00Z"}""", "expires_at")]
    [InlineData("""{"destination":"https://example.com/","valid_from":"2027-02-01T00:00:00Z","expires_at":"2027-01-01T00:00:00Z"}""", "expires_at")]
    [InlineData("""{"destination":"https://example.com/","expired_url":"javascript:x"}""", "expired_url")]
    [InlineData("""{"destination":"https://example.com/","tags":[""]}""", "tags")]
    [InlineData("""{"destination":"https://example.com/","style":{"dark":"red"}}""", "style.dark")]
    public async Task Create_InvalidField_Returns400NamingIt(string json, string field)
    {
        using var response = await _client.PostAsync("/api/v1/links", Json.Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
    }

    [Fact]
    public async Task Create_TooLongDestination_Returns400()
    {
        var json = $$"""{"destination":"https://example.com/{{new string('a', 2100)}}"}""";
        using var response = await _client.PostAsync("/api/v1/links", Json.Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]!["destination"]);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"destination": 5}""")]
    public async Task Create_MalformedJson_Returns400Problem(string json)
    {
        using var response = await _client.PostAsync("/api/v1/links", Json.Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"destination":"https://evil.example/"}""", "destination")]
    [InlineData("""{"destination":"mailto:a@b.c"}""", "destination")]
    [InlineData("""{"status":"paused"}""", "status")]
    [InlineData("""{"redirect_status":200}""", "redirect_status")]
    [InlineData("""{"max_scans":-1}""", "max_scans")]
    [InlineData("""{"never_expires":true,"expires_at":"2027-01-01T00:00:00Z"}""", "never_expires")]
    public async Task Update_InvalidField_Returns400AndChangesNothing(string json, string field)
    {
        var (id, _) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/a"}""");
        using var response = await Json.PatchAsync(_client, $"/api/v1/links/{id}", json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
        var stored = await Json.ReadAsync(await _client.GetAsync($"/api/v1/links/{id}"));
        Assert.Equal("https://example.com/a", (string)stored["destination"]!);
        Assert.Equal("active", (string)stored["status"]!);
    }

}
