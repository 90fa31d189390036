using System.Net;
using QrForge.Server.Identity;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Codes;

/// <summary>The codes API, run once on SQLite and once on PostgreSQL.</summary>
public abstract class CodeApiTests(Database database) : IAsyncLifetime
{
    private QrForgeFactory _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _factory = await QrForgeFactory.CreateAsync(database);
        _client = await _factory.CreateClientAsync(Roles.Operator);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Create_ValidRequest_Returns201WithLocationAndImageUrls()
    {
        using var response = await _client.PostAsync("/api/v1/codes", Json.Body("""{"data":"hello world","expiration_hours":24,"label":"flyer","tags":["spring","print"],"ecc":"Q"}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json.ReadAsync(response);
        var id = (string)body["id"]!;
        Assert.Equal($"/api/v1/codes/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("hello world", (string)body["data"]!);
        Assert.Equal("Q", (string)body["ecc"]!);
        Assert.Equal(1, (int)body["version"]!);
        Assert.Equal(DateTimeOffset.Parse("2026-11-25T12:00:00Z"), DateTimeOffset.Parse((string)body["expires_at"]!));
        Assert.EndsWith($"/api/v1/codes/{id}/image.png", (string)body["image_urls"]!["png"]!, StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/", (string)body["image_urls"]!["svg"]!, StringComparison.Ordinal);
        Assert.Equal(7, (int)Guid.Parse(id).Version);
    }

    [Theory]
    [InlineData("""{"data":""}""", "data")]
    [InlineData("""{}""", "data")]
    [InlineData("""{"data":"x","data_base64":"eA=="}""", "data")]
    [InlineData("""{"data_base64":"***"}""", "data_base64")]
    [InlineData("""{"data":"x","expiration_hours":0}""", "expiration_hours")]
    [InlineData("""{"data":"x","expiration_hours":-3}""", "expiration_hours")]
    [InlineData("""{"data":"x","expiration_hours":100000000}""", "expiration_hours")]
    [InlineData("""{"data":"x","expires_at":"2020-01-01T00:00:00Z"}""", "expires_at")]
    [InlineData("""{"data":"x","ecc":"Z"}""", "ecc")]
    [InlineData("""{"data":"x","style":{"dark":"red"}}""", "style.dark")]
    [InlineData("""{"data":"x","style":{"size":100000}}""", "style.size")]
    [InlineData("""{"data":"x","style":{"shape":"star"}}""", "style.shape")]
    [InlineData("""{"data":"x","tags":["", "a"]}""", "tags")]
    public async Task Create_InvalidField_Returns400NamingIt(string json, string field)
    {
        using var response = await _client.PostAsync("/api/v1/codes", Json.Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await Json.ReadAsync(response);
        Assert.Equal("https://qrforge.dev/problems/validation", (string)body["type"]!);
        Assert.NotNull(body["errors"]![field]);
    }

    [Fact]
    public async Task Create_DataTooLongForAnyVersion_Returns400NamingData()
    {
        var json = $$"""{"data":"{{new string('a', 3000)}}","ecc":"H"}""";
        using var response = await _client.PostAsync("/api/v1/codes", Json.Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("version 40", (string)(await Json.ReadAsync(response))["errors"]!["data"]![0]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"data": 5}""")]
    [InlineData("[]")]
    public async Task Create_MalformedJson_Returns400Problem(string json)
    {
        using var response = await _client.PostAsync("/api/v1/codes", Json.Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("https://qrforge.dev/problems/bad-request", (string)(await Json.ReadAsync(response))["type"]!);
    }

    [Fact]
    public async Task Create_ManyAtOnce_EveryCodeIsCommittedBeforeItsAnswer()
    {
        // Creations arriving together share a transaction (group commit); each answer still means "stored".
        var tasks = Enumerable.Range(0, 150).Select(i => _client.PostAsync("/api/v1/codes", Json.Body($$"""{"data":"burst {{i}}","label":"burst"}"""))).ToArray();
        var responses = await Task.WhenAll(tasks);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = new List<string>();
        foreach (var response in responses)
        {
            var id = (string)(await Json.ReadAsync(response))["id"]!;
            ids.Add(id);
            response.Dispose();
        }

        var page = await Json.ReadAsync(await _client.GetAsync("/api/v1/codes?label=burst&limit=200"));
        Assert.Equal(ids.Order(), page["items"]!.AsArray().Select(n => (string)n!["id"]!).Order());
    }

    [Fact]
    public async Task Create_Binary_RoundTripsAsBase64()
    {
        var body = await Json.PostAsync(_client, "/api/v1/codes", """{"data_base64":"AAECA/8="}""");
        Assert.Equal("AAECA/8=", (string)body["data_base64"]!);
        Assert.Null(body["data"]);
    }

    [Fact]
    public async Task Get_UnknownId_Returns404Problem()
    {
        using var response = await _client.GetAsync($"/api/v1/codes/{Guid.CreateVersion7()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("https://qrforge.dev/problems/not-found", (string)(await Json.ReadAsync(response))["type"]!);
    }

    [Fact]
    public async Task List_CursorPages_WalkAllCodesNewestFirst()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            _factory.Clock.Advance(TimeSpan.FromSeconds(1));
            ids.Add((string)(await Json.PostAsync(_client, "/api/v1/codes", $$"""{"data":"page {{i}}","tags":["{{(i % 2 == 0 ? "even" : "odd")}}"]}"""))["id"]!);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Json.ReadAsync(await _client.GetAsync($"/api/v1/codes?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}"));
            seen.AddRange(page["items"]!.AsArray().Select(n => (string)n!["id"]!));
            cursor = (string?)page["next_cursor"];
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(ids), seen);
        var even = await Json.ReadAsync(await _client.GetAsync("/api/v1/codes?tag=even"));
        Assert.Equal(3, even["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task List_StatusFilter_SeparatesExpiredFromActive()
    {
        await Json.PostAsync(_client, "/api/v1/codes", """{"data":"short","expiration_hours":1,"label":"status"}""");
        await Json.PostAsync(_client, "/api/v1/codes", """{"data":"long","expiration_hours":100,"label":"status"}""");
        _factory.Clock.Advance(TimeSpan.FromHours(2));
        var expired = await Json.ReadAsync(await _client.GetAsync("/api/v1/codes?label=status&status=expired"));
        var active = await Json.ReadAsync(await _client.GetAsync("/api/v1/codes?label=status&status=active"));
        Assert.Equal("short", (string)Assert.Single(expired["items"]!.AsArray())!["data"]!);
        Assert.Equal("long", (string)Assert.Single(active["items"]!.AsArray())!["data"]!);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?cursor=zzz", "cursor")]
    [InlineData("?status=maybe", "status")]
    public async Task List_InvalidQuery_Returns400NamingIt(string query, string field)
    {
        using var response = await _client.GetAsync("/api/v1/codes" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
    }

    [Fact]
    public async Task Patch_LabelTagsStyle_ChangeCodeAndImage()
    {
        var id = (string)(await Json.PostAsync(_client, "/api/v1/codes", """{"data":"patch me"}"""))["id"]!;
        using var before = await _client.GetAsync($"/api/v1/codes/{id}/image.svg");
        var beforeSvg = await before.Content.ReadAsStringAsync();
        using var patch = await Json.PatchAsync(_client, $"/api/v1/codes/{id}", """{"label":"new","tags":["x"],"style":{"dark":"112233"},"expiration_hours":5}""");
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var body = await Json.ReadAsync(patch);
        Assert.Equal("new", (string)body["label"]!);
        Assert.Equal("x", (string)body["tags"]![0]!);
        using var after = await _client.GetAsync($"/api/v1/codes/{id}/image.svg");
        var afterSvg = await after.Content.ReadAsStringAsync();
        Assert.NotEqual(beforeSvg, afterSvg);
        Assert.Contains("#112233", afterSvg, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task Patch_InvalidOrUnknown_Returns400Or404()
    {
        var id = (string)(await Json.PostAsync(_client, "/api/v1/codes", """{"data":"x"}"""))["id"]!;
        using var bad = await Json.PatchAsync(_client, $"/api/v1/codes/{id}", """{"expiration_hours":-1}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var unknown = await Json.PatchAsync(_client, $"/api/v1/codes/{Guid.CreateVersion7()}", """{"label":"x"}""");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Delete_RemovesCodeAndImage()
    {
        var id = (string)(await Json.PostAsync(_client, "/api/v1/codes", """{"data":"bye"}"""))["id"]!;
        (await _client.GetAsync($"/api/v1/codes/{id}/image.png")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/v1/codes/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/codes/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/codes/{id}/image.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.DeleteAsync($"/api/v1/codes/{id}")).StatusCode);
    }

    [Fact]
    public async Task Image_Png_DecodesToTheDataWithETagAndBoundedCaching()
    {
        var id = (string)(await Json.PostAsync(_client, "/api/v1/codes", """{"data":"https://example.com/scan me","expiration_hours":0.5}"""))["id"]!;
        using var response = await _client.GetAsync($"/api/v1/codes/{id}/image.png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.ETag!.IsWeak is false);
        Assert.Equal(TimeSpan.FromMinutes(30), response.Headers.CacheControl!.MaxAge);
        Assert.Equal("https://example.com/scan me", await ZbarReader.ReadAsync(await response.Content.ReadAsByteArrayAsync()));

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/codes/{id}/image.png");
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag);
        using var notModified = await _client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Theory]
    [InlineData("svg", "image/svg+xml", "<svg")]
    [InlineData("pdf", "application/pdf", "%PDF-")]
    [InlineData("eps", "application/postscript", "%!PS-Adobe")]
    [InlineData("txt", "text/plain", "█")]
    public async Task Image_OtherFormats_HaveTheirContentType(string format, string contentType, string start)
    {
        var id = (string)(await Json.PostAsync(_client, "/api/v1/codes", """{"data":"formats"}"""))["id"]!;
        using var response = await _client.GetAsync($"/api/v1/codes/{id}/image.{format}");
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(start, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_SameRequestTwice_SameBytes()
    {
        var id = (string)(await Json.PostAsync(_client, "/api/v1/codes", """{"data":"stable"}"""))["id"]!;
        var a = await _client.GetByteArrayAsync($"/api/v1/codes/{id}/image.png?scale=3&dark=224466");
        var b = await _client.GetByteArrayAsync($"/api/v1/codes/{id}/image.png?scale=3&dark=224466");
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("image.gif", HttpStatusCode.NotFound)]
    [InlineData("image.png?size=5", HttpStatusCode.BadRequest)]
    [InlineData("image.png?dark=nothex", HttpStatusCode.BadRequest)]
    [InlineData("image.png?scale=50&border=20", HttpStatusCode.OK)]
    [InlineData("image.png?scale=100&border=20", HttpStatusCode.BadRequest)]
    [InlineData("image.png?scale=101", HttpStatusCode.BadRequest)]
    public async Task Image_Overrides_AreValidated(string path, HttpStatusCode expected)
    {
        var id = (string)(await Json.PostAsync(_client, "/api/v1/codes", """{"data":"overrides"}"""))["id"]!;
        using var response = await _client.GetAsync($"/api/v1/codes/{id}/{path}");
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Expired_Code_Answers410AtOnce()
    {
        var id = (string)(await Json.PostAsync(_client, "/api/v1/codes", """{"data":"soon gone","expiration_hours":1}"""))["id"]!;
        (await _client.GetAsync($"/api/v1/codes/{id}/image.png")).EnsureSuccessStatusCode();
        _factory.Clock.Advance(TimeSpan.FromMinutes(61));
        using var image = await _client.GetAsync($"/api/v1/codes/{id}/image.png");
        Assert.Equal(HttpStatusCode.Gone, image.StatusCode);
        Assert.Equal("https://qrforge.dev/problems/expired", (string)(await Json.ReadAsync(image))["type"]!);
        Assert.Equal(HttpStatusCode.Gone, (await _client.GetAsync($"/retrieve/{id}")).StatusCode);
        Assert.True((bool)(await Json.ReadAsync(await _client.GetAsync($"/api/v1/codes/{id}")))["expired"]!);
    }
}

public sealed class SqliteCodeApiTests() : CodeApiTests(Database.Sqlite);

public sealed class PostgresCodeApiTests() : CodeApiTests(Database.Postgres);
