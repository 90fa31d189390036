using System.Net;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Codes;

public sealed class RenderEndpointTests : IAsyncLifetime
{
    private QrForgeFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await QrForgeFactory.CreateAsync(Database.Sqlite);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Render_Png_DecodesToTheData()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/api/v1/render?data=stateless%20hello&format=png&size=300&ecc=H&border=4&dark=000000&light=ffffff");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("stateless hello", await ZbarReader.ReadAsync(await response.Content.ReadAsByteArrayAsync()));
    }

    [Theory]
    [InlineData("?format=png", "data")]
    [InlineData("?data=x&format=bmp", "format")]
    [InlineData("?data=x&size=99999", "size")]
    [InlineData("?data=x&ecc=K", "ecc")]
    [InlineData("?data=x&light=12", "light")]
    public async Task Render_BadQuery_Returns400NamingTheField(string query, string field)
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/api/v1/render" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
    }

    [Fact]
    public async Task Render_DataBeyondTheBound_Returns400()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/api/v1/render?data=" + new string('a', 1025));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
