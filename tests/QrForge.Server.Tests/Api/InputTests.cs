using System.Net;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Identity;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Api;

/// <summary>
/// Issue 12: every input gets a clear answer — NUL, charsets, content types, unknown members, unreadable JSON,
/// 401/403 that say what to do — on both databases where the database could matter.
/// </summary>
public abstract class InputTests(Database database) : IAsyncLifetime
{
    private QrForgeFactory _factory = null!;
    private HttpClient _operator = null!;

    public async Task InitializeAsync()
    {
        _factory = await QrForgeFactory.CreateAsync(database);
        _operator = await _factory.CreateClientAsync(Roles.Operator);
    }

    public async Task DisposeAsync()
    {
        _operator.Dispose();
        await _factory.DisposeAsync();
    }

    private static async Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode Body)> SendAsync(HttpClient client, HttpMethod method, string url, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return (response.StatusCode, System.Text.Json.Nodes.JsonNode.Parse(text.Length == 0 ? "{}" : text)!);
        }
        catch (System.Text.Json.JsonException)
        {
            return (response.StatusCode, new System.Text.Json.Nodes.JsonObject { ["raw"] = text });
        }
    }

    [Fact]
    public async Task Generate_NulInData_Returns400NamingData()
    {
        using var anonymous = _factory.CreateClient();
        var (status, body) = await SendAsync(anonymous, HttpMethod.Post, "/generate", Json.Body("""{"data":"a\u0000b"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body["errors"]!["data"]);
    }

    [Fact]
    public async Task Login_NulInEmail_Returns400NamingEmail()
    {
        using var anonymous = _factory.CreateClient();
        var (status, body) = await SendAsync(anonymous, HttpMethod.Post, "/api/v1/auth/login", Json.Body("""{"email":"a\u0000@example.com","password":"x"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body["errors"]!["email"]);
    }

    [Fact]
    public async Task CreateCode_NulInNestedMember_Returns400NamingThePath()
    {
        var (status, body) = await SendAsync(_operator, HttpMethod.Post, "/api/v1/codes", Json.Body("""{"data":"x","tags":["ok","b\u0000d"]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body["errors"]!["tags[1]"]);
    }

    [Theory]
    [InlineData("/api/v1/codes?tag=%00", "tag")]
    [InlineData("/api/v1/links?q=a%00b", "q")]
    public async Task Get_NulInQueryOrPath_Returns400NamingTheParameter(string url, string name)
    {
        var (status, body) = await SendAsync(_operator, HttpMethod.Get, url);
        Assert.True(status == HttpStatusCode.BadRequest, $"{status}: {body.ToJsonString()}");
        Assert.NotNull(body["errors"]![name]);
    }

    [Theory]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=no-such-charset")]
    public async Task CreateCode_UnsupportedCharset_Returns415(string contentType)
    {
        var content = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes("""{"data":"x"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var (status, body) = await SendAsync(_operator, HttpMethod.Post, "/api/v1/codes", content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("UTF-8", (string)body["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCode_Utf8Charset_IsAccepted()
    {
        var content = new StringContent("""{"data":"x"}""", System.Text.Encoding.UTF8, "application/json");
        var (status, _) = await SendAsync(_operator, HttpMethod.Post, "/api/v1/codes", content);
        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task Login_FormContentType_Returns415Not401()
    {
        using var anonymous = _factory.CreateClient();
        var form = new FormUrlEncodedContent([new("email", "a@example.com"), new("password", "x")]);
        var (status, body) = await SendAsync(anonymous, HttpMethod.Post, "/api/v1/auth/login", form);
        var endpoint = _factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>().First(e => e.RoutePattern.RawText == "/api/v1/auth/login");
        Assert.True(status == HttpStatusCode.UnsupportedMediaType, $"{status}: {body.ToJsonString()} metadata: {string.Join(", ", endpoint.Metadata.Select(m => m.GetType().Name))}");
        Assert.Contains("application/json", (string)body["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCode_WrongContentTypeWithoutCredentials_Returns415()
    {
        using var anonymous = _factory.CreateClient();
        var (status, _) = await SendAsync(anonymous, HttpMethod.Post, "/api/v1/codes", new StringContent("data=x", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
    }

    [Theory]
    [InlineData("/api/v1/codes", """{"data":"x","expiry_hours":1}""", "expiry_hours")]
    [InlineData("/api/v1/codes", """{"data":"x","style":{"dark":"000000","colour":"ff0000"}}""", "style.colour")]
    [InlineData("/api/v1/links", """{"destination":"https://example.com/","max_scan":5}""", "max_scan")]
    public async Task Create_UnknownMember_Returns400NamingIt(string url, string json, string member)
    {
        var (status, body) = await SendAsync(_operator, HttpMethod.Post, url, Json.Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body["errors"]![member]);
        Assert.Contains(member, (string)body["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateCode_UnknownMember_Returns400AndChangesNothing()
    {
        var id = (string)(await Json.PostAsync(_operator, "/api/v1/codes", """{"data":"x","label":"before"}"""))["id"]!;
        var (status, _) = await SendAsync(_operator, HttpMethod.Patch, $"/api/v1/codes/{id}", Json.Body("""{"slug":"new","label":"after"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var code = await Json.ReadAsync(await _operator.GetAsync($"/api/v1/codes/{id}"));
        Assert.Equal("before", (string)code["label"]!);
    }

    [Fact]
    public async Task CreateCode_InvalidJson_NamesLineAndPosition()
    {
        var (status, body) = await SendAsync(_operator, HttpMethod.Post, "/api/v1/codes", Json.Body("{\n  \"data\": \"x\",\n  \"label\": oops\n}"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(3, (int)body["line"]!);
        Assert.Equal(12, (int)body["position"]!);
        Assert.Contains("line 3, position 12", (string)body["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCode_WrongType_NamesTheMember()
    {
        var (status, body) = await SendAsync(_operator, HttpMethod.Post, "/api/v1/codes", Json.Body("""{"data":"x","expiration_hours":"soon"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body["errors"]!["expiration_hours"]);
    }

    [Fact]
    public async Task ListCodes_NoCredentials_401SaysHowToAuthenticate()
    {
        using var anonymous = _factory.CreateClient();
        using var response = await anonymous.GetAsync("/api/v1/codes");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Contains("Authorization: Bearer", (string)body["detail"]!, StringComparison.Ordinal);
        Assert.Contains("X-Api-Key", (string)body["detail"]!, StringComparison.Ordinal);
        Assert.True(response.Headers.WwwAuthenticate.Count > 0);
    }

    [Fact]
    public async Task CreateCode_AsViewer_403NamesTheRolesNeeded()
    {
        using var viewer = await _factory.CreateClientAsync(Roles.Viewer);
        var (status, body) = await SendAsync(viewer, HttpMethod.Post, "/api/v1/codes", Json.Body("""{"data":"x"}"""));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(["operator", "admin"], body["required_roles"]!.AsArray().Select(r => (string)r!).Order().Reverse());
        Assert.Contains("you have viewer", (string)body["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateCodeStyle_OneMember_KeepsTheOthers()
    {
        var id = (string)(await Json.PostAsync(_operator, "/api/v1/codes", """{"data":"x","style":{"scale":7,"border":2,"dark":"112233","shape":"circle"}}"""))["id"]!;
        using var response = await Json.PatchAsync(_operator, $"/api/v1/codes/{id}", """{"style":{"dark":"445566"}}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var style = (await Json.ReadAsync(response))["style"]!;
        Assert.Equal("445566", (string)style["dark"]!);
        Assert.Equal(7, (int)style["scale"]!);
        Assert.Equal(2, (int)style["border"]!);
        Assert.Equal("circle", (string)style["shape"]!);
    }

    [Fact]
    public async Task ListLinks_SearchInOtherCase_FindsTheLink()
    {
        await Json.PostAsync(_operator, "/api/v1/links", """{"destination":"https://example.com/Spring-Fair","title":"Spring Fair Tickets"}""");
        var byTitle = await Json.ReadAsync(await _operator.GetAsync("/api/v1/links?q=spring%20fair"));
        var byDestination = await Json.ReadAsync(await _operator.GetAsync("/api/v1/links?q=SPRING-FAIR"));
        Assert.Single(byTitle["items"]!.AsArray());
        Assert.Single(byDestination["items"]!.AsArray());
    }

    [Fact]
    public async Task ListCodes_LabelInOtherCase_FindsTheCode()
    {
        await Json.PostAsync(_operator, "/api/v1/codes", """{"data":"x","label":"Front Door"}""");
        var page = await Json.ReadAsync(await _operator.GetAsync("/api/v1/codes?label=front%20door"));
        Assert.Single(page["items"]!.AsArray());
    }

    [Fact]
    public async Task CreateTenant_SameNameConcurrently_OneCreatedOthers409()
    {
        using var admin = await _factory.CreateClientAsync(Roles.Admin);
        var name = "Acme " + Guid.NewGuid().ToString("N")[..8];
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var response = await admin.PostAsync("/api/v1/admin/tenants", Json.Body($$"""{"name":"{{name}}"}"""));
            return response.StatusCode;
        }));
        Assert.Equal(1, answers.Count(s => s == HttpStatusCode.Created));
        Assert.All(answers, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.Conflict or HttpStatusCode.BadRequest, s.ToString()));
        Assert.DoesNotContain(answers, s => (int)s >= 500);
    }

    [Fact]
    public async Task CreateSubject_SameExternalIdConcurrently_Never500()
    {
        var externalId = "S-" + Guid.NewGuid().ToString("N");
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var response = await _operator.PostAsync("/api/v1/subjects", Json.Body($$"""{"kind":"student","external_id":"{{externalId}}","name":"Ada"}"""));
            return response.StatusCode;
        }));
        Assert.Equal(1, answers.Count(s => s == HttpStatusCode.Created));
        Assert.DoesNotContain(answers, s => (int)s >= 500);
    }

    [Fact]
    public async Task UpdateCode_MethodNotAllowedWithoutCredentials_Returns405Not401()
    {
        using var anonymous = _factory.CreateClient();
        using var response = await anonymous.PutAsync("/api/v1/codes", Json.Body("{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Retrieve_NulInPathOverKestrel_Returns400()
    {
        await using var host = await KestrelHost.StartAsync([], database: database);
        using var client = host.CreateClient("127.0.0.1");
        using var response = await client.GetAsync("/retrieve/ab%00cd");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Image_HostHeaderOf5000Characters_Returns400()
    {
        using var anonymous = _factory.CreateClient();
        var id = (string)(await Json.PostAsync(_operator, "/api/v1/links", """{"destination":"https://example.com/"}"""))["id"]!;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/links/{id}/image.png");
        request.Headers.TryAddWithoutValidation("Host", new string('a', 5000));
        using var response = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class SqliteInputTests() : InputTests(Database.Sqlite);

public sealed class PostgresInputTests() : InputTests(Database.Postgres);
