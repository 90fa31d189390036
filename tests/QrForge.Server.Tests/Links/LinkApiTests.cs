using System.Net;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Links;

/// <summary>The links API (create, validate, read, edit, delete, bulk), run once on SQLite and once on PostgreSQL.</summary>
public abstract class LinkApiTests(Database database) : IAsyncLifetime
{
    private QrForgeFactory _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _factory = await LinkTestHost.CreateAsync(database, new()
        {
            ["QrForge:Links:BlockedDomains:0"] = "evil.example",
            ["QrForge:Links:BlockedDomains:1"] = "xn--bcher-kva.example",
        });
        _client = await LinkTestHost.OperatorAsync(_factory);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Create_DestinationOnly_Returns201WithGeneratedSlugShortUrlAndImages()
    {
        using var response = await _client.PostAsync("/api/v1/links", Json.Body("""{"destination":"https://example.com/spring?x=1","title":"Flyer","tags":["print"]}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json.ReadAsync(response);
        var slug = (string)body["slug"]!;
        Assert.Equal(7, slug.Length);
        Assert.DoesNotContain(slug, c => "0Oo1lI".Contains(c, StringComparison.Ordinal));
        Assert.Equal($"http://localhost/r/{slug}", (string)body["short_url"]!);
        Assert.Equal("https://example.com/spring?x=1", (string)body["destination"]!);
        Assert.Equal(302, (int)body["redirect_status"]!);
        Assert.Equal("active", (string)body["status"]!);
        Assert.EndsWith("/image.eps", (string)body["qr_image_urls"]!["eps"]!, StringComparison.Ordinal);
        Assert.Equal(0, (long)body["counts"]!["scans"]!);
        Assert.Equal($"/api/v1/links/{body["id"]}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Create_InternationalDomain_StoresPunycodeHost()
    {
        var body = await Json.PostAsync(_client, "/api/v1/links", """{"destination":"https://München.Example/straße?q=ä"}""");
        Assert.StartsWith("https://xn--mnchen-3ya.example/", (string)body["destination"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_TakenCustomSlug_Returns409()
    {
        await Json.PostAsync(_client, "/api/v1/links", """{"destination":"https://example.com/","slug":"spring-sale"}""");
        using var response = await _client.PostAsync("/api/v1/links", Json.Body("""{"destination":"https://example.org/","slug":"spring-sale"}"""));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]!["slug"]);
    }

    [Fact]
    public async Task Update_DestinationStatusAndCap_ChangeAndAreReturned()
    {
        var (id, _) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/a","max_scans":10}""");
        using var response = await Json.PatchAsync(_client, $"/api/v1/links/{id}", """{"destination":"https://example.com/b","status":"disabled","max_scans":0,"title":"New"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal("https://example.com/b", (string)body["destination"]!);
        Assert.Equal("disabled", (string)body["status"]!);
        Assert.Null(body["max_scans"]);
        Assert.Equal("New", (string)body["title"]!);
    }

    [Fact]
    public async Task GetUpdateDelete_UnknownId_Return404()
    {
        var id = Guid.CreateVersion7();
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/links/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Json.PatchAsync(_client, $"/api/v1/links/{id}", """{"title":"x"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.DeleteAsync($"/api/v1/links/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/links/{id}/stats")).StatusCode);
    }

    [Fact]
    public async Task Delete_Link_ThenGetAndRedirectAre404()
    {
        var (id, slug) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/a"}""");
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/v1/links/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/links/{id}")).StatusCode);
        using var visitor = LinkTestHost.Visitor(_factory);
        Assert.Equal(HttpStatusCode.NotFound, (await LinkTestHost.VisitAsync(visitor, $"/r/{slug}")).StatusCode);
    }

    [Fact]
    public async Task List_ByTagAndCursor_PagesNewestFirst()
    {
        for (var i = 0; i < 5; i++)
        {
            _factory.Clock.Advance(TimeSpan.FromMilliseconds(1));
            await LinkTestHost.CreateLinkAsync(_client, $$"""{"destination":"https://example.com/{{i}}","tags":["{{(i % 2 == 0 ? "even" : "odd")}}"]}""");
        }

        var first = await Json.ReadAsync(await _client.GetAsync("/api/v1/links?tag=even&limit=2"));
        Assert.Equal(2, first["items"]!.AsArray().Count);
        Assert.Equal("https://example.com/4", (string)first["items"]![0]!["destination"]!);
        var second = await Json.ReadAsync(await _client.GetAsync($"/api/v1/links?tag=even&limit=2&cursor={first["next_cursor"]}"));
        Assert.Single(second["items"]!.AsArray());
        Assert.Equal("https://example.com/0", (string)second["items"]![0]!["destination"]!);
        Assert.Null(second["next_cursor"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/api/v1/links?cursor=nope")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/api/v1/links?status=gone")).StatusCode);
    }

    [Fact]
    public async Task Bulk_MixedRows_ReportsEachRowAndCreatesTheValidOnes()
    {
        await Json.PostAsync(_client, "/api/v1/links", """{"destination":"https://example.com/","slug":"taken-one"}""");
        var body = await Json.PostAsync(_client, "/api/v1/links/bulk", """
            {"links":[
              {"destination":"https://example.com/1"},
              {"destination":"javascript:alert(1)"},
              {"destination":"https://example.com/3","slug":"taken-one"},
              {"destination":"https://example.com/4","slug":"fresh-one"},
              {"destination":"https://example.com/5","slug":"fresh-one"},
              null
            ]}
            """, HttpStatusCode.OK);
        Assert.Equal(2, (int)body["created"]!);
        Assert.Equal(4, (int)body["failed"]!);
        var results = body["results"]!.AsArray();
        Assert.Equal([201, 400, 409, 201, 409, 400], results.Select(r => (int)r!["status"]!));
        Assert.NotNull(results[1]!["errors"]!["destination"]);
        Assert.Equal("fresh-one", (string)results[3]!["slug"]!);
        var list = await Json.ReadAsync(await _client.GetAsync("/api/v1/links?limit=200"));
        Assert.Equal(3, list["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Bulk_AThousandLinks_AllCreatedWithDistinctSlugs()
    {
        var rows = string.Join(",", Enumerable.Range(0, 1000).Select(i => $$"""{"destination":"https://example.com/{{i}}"}"""));
        var body = await Json.PostAsync(_client, "/api/v1/links/bulk", $$"""{"links":[{{rows}}]}""", HttpStatusCode.OK);
        Assert.Equal(1000, (int)body["created"]!);
        Assert.Equal(1000, body["results"]!.AsArray().Select(r => (string)r!["slug"]!).Distinct().Count());
    }

    [Fact]
    public async Task Bulk_TooManyOrNone_Returns400()
    {
        var rows = string.Join(",", Enumerable.Range(0, 1001).Select(_ => """{"destination":"https://example.com/"}"""));
        using var tooMany = await _client.PostAsync("/api/v1/links/bulk", Json.Body($$"""{"links":[{{rows}}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        using var none = await _client.PostAsync("/api/v1/links/bulk", Json.Body("""{"links":[]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.NotNull((await Json.ReadAsync(none))["errors"]!["links"]);
    }

    [Fact]
    public async Task Image_Png_EncodesTheMarkedShortUrl()
    {
        var (id, slug) = await LinkTestHost.CreateLinkAsync(_client, """{"destination":"https://example.com/a"}""");
        using var anonymous = _factory.CreateClient();
        using var response = await anonymous.GetAsync($"/api/v1/links/{id}/image.png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"http://localhost/r/{slug}?qr", await ZbarReader.ReadAsync(await response.Content.ReadAsByteArrayAsync()));
        foreach (var format in new[] { "svg", "pdf", "eps" })
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/links/{id}/image.{format}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/links/{id}/image.gif")).StatusCode);
    }
}

public sealed class SqliteLinkApiTests() : LinkApiTests(Database.Sqlite);

public sealed class PostgresLinkApiTests() : LinkApiTests(Database.Postgres);
