using System.Net;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Identity;
using QrForge.Server.Passes;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Passes;

/// <summary>Pass images (read back by zbar), warming, cache statistics and eviction.</summary>
public sealed class PassImageTests : IAsyncLifetime
{
    private QrForgeFactory _factory = null!;
    private HttpClient _operator = null!;

    public async Task InitializeAsync()
    {
        _factory = await QrForgeFactory.CreateAsync(Database.Sqlite);
        _operator = await _factory.CreateClientAsync(Roles.Operator);
    }

    public async Task DisposeAsync()
    {
        _operator.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Image_BothTokenFormats_ZbarReadsTheToken()
    {
        var pass = await PassSeed.PassAsync(_operator);
        var id = (string)pass["id"]!;
        var compact = await _operator.GetByteArrayAsync($"/api/v1/passes/{id}/image.png");
        Assert.Equal((string)pass["token"]!, await ZbarReader.ReadAsync(compact));
        var jwt = await _operator.GetByteArrayAsync($"/api/v1/passes/{id}/image.png?token=jwt");
        Assert.Equal((string)pass["jwt"]!, await ZbarReader.ReadAsync(jwt));
        Assert.Equal("valid", await PassSeed.VerifyAsync(_operator, await ZbarReader.ReadAsync(compact)));
    }

    [Theory]
    [InlineData("image.svg", "image/svg+xml")]
    [InlineData("image.pdf", "application/pdf")]
    public async Task Image_OtherFormats_ServedWithContentTypeAndETag(string path, string contentType)
    {
        var id = (string)(await PassSeed.PassAsync(_operator))["id"]!;
        using var response = await _operator.GetAsync($"/api/v1/passes/{id}/{path}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(response.Headers.ETag);
    }

    [Theory]
    [InlineData("image.gif", HttpStatusCode.NotFound)]
    [InlineData("image.png?token=xml", HttpStatusCode.BadRequest)]
    public async Task Image_BadFormatOrToken_IsRefused(string path, HttpStatusCode expected)
    {
        var id = (string)(await PassSeed.PassAsync(_operator))["id"]!;
        Assert.Equal(expected, (await _operator.GetAsync($"/api/v1/passes/{id}/{path}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.GetAsync($"/api/v1/passes/{Guid.NewGuid()}/image.png")).StatusCode);
    }

    [Fact]
    public async Task Warm_EventPasses_AllRenderedThenServedFromCache()
    {
        var eventId = await PassSeed.EventAsync(_operator);
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((string)(await PassSeed.PassAsync(_operator, eventId, await PassSeed.SubjectAsync(_operator, $"W-{i}")))["id"]!);
        }

        var started = await Json.PostAsync(_operator, $"/api/v1/events/{eventId}/warm?formats=png,svg", "", HttpStatusCode.Accepted);
        var jobId = Guid.Parse((string)started["id"]!);
        await _factory.Services.GetRequiredService<PassWarmer>().WaitAsync(jobId);
        var status = await Json.ReadAsync(await _operator.GetAsync($"/api/v1/events/{eventId}/warm/{jobId}"));
        Assert.Equal(("done", 40, 40, 0), ((string)status["state"]!, (int)status["total"]!, (int)status["done"]!, (int)status["failed"]!));

        using var admin = await _factory.CreateClientAsync(Roles.Admin);
        var before = await Json.ReadAsync(await admin.GetAsync("/api/v1/cache/stats"));
        foreach (var id in ids)
        {
            (await _operator.GetAsync($"/api/v1/passes/{id}/image.png")).EnsureSuccessStatusCode();
        }

        var after = await Json.ReadAsync(await admin.GetAsync("/api/v1/cache/stats"));
        // Each image request looks up the pass (made once, then a hit) and its image (a hit: warmed).
        Assert.True((long)after["l1"]!["hits"]! - (long)before["l1"]!["hits"]! >= ids.Count);
        Assert.True((long)after["entries"]! >= 40);
        Assert.False((bool)after["redis_connected"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.GetAsync($"/api/v1/events/{eventId}/warm/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Warm_BadFormatOrUnknownEvent_IsRefused()
    {
        var eventId = await PassSeed.EventAsync(_operator);
        Assert.Equal(HttpStatusCode.BadRequest, (await _operator.PostAsync($"/api/v1/events/{eventId}/warm?formats=gif", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.PostAsync($"/api/v1/events/{Guid.NewGuid()}/warm", null)).StatusCode);
    }

    [Fact]
    public async Task DeleteCache_ThenImage_RenderedAgain()
    {
        var id = (string)(await PassSeed.PassAsync(_operator))["id"]!;
        var first = await _operator.GetByteArrayAsync($"/api/v1/passes/{id}/image.png");
        Assert.Equal(HttpStatusCode.NoContent, (await _operator.DeleteAsync($"/api/v1/passes/{id}/cache")).StatusCode);
        Assert.Equal(first, await _operator.GetByteArrayAsync($"/api/v1/passes/{id}/image.png")); // same token, same bytes
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.DeleteAsync($"/api/v1/passes/{Guid.NewGuid()}/cache")).StatusCode);
    }
}
