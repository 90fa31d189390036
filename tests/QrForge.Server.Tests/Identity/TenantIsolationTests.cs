using System.Net;
using QrForge.Server.Identity;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Identity;

/// <summary>Another tenant's objects are 404s, never 403s; lists never show them.</summary>
public abstract class TenantIsolationTests(Database database) : IAsyncLifetime
{
    private static readonly Guid OtherTenant = Guid.Parse("0195a000-0000-7000-8000-0000000000aa");
    private QrForgeFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await QrForgeFactory.CreateAsync(database);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task OtherTenantsCode_IsNotFoundForEveryMethod()
    {
        using var owner = await _factory.CreateClientAsync(Roles.Operator);
        using var stranger = await _factory.CreateClientAsync(Roles.Admin, OtherTenant);
        var id = (string)(await Json.PostAsync(owner, "/api/v1/codes", """{"data":"mine","public":false}"""))["id"]!;

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/codes/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Json.PatchAsync(stranger, $"/api/v1/codes/{id}", """{"label":"theirs"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/codes/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/codes/{id}/image.png")).StatusCode);
        var list = await Json.ReadAsync(await stranger.GetAsync("/api/v1/codes"));
        Assert.Empty(list["items"]!.AsArray());

        // The control: the owner still has it, unchanged.
        var mine = await Json.ReadAsync(await owner.GetAsync($"/api/v1/codes/{id}"));
        Assert.Null(mine["label"]);
    }

    [Fact]
    public async Task PublicCodeImage_IsServedToAnyone_PrivateOnlyToItsTenant()
    {
        using var owner = await _factory.CreateClientAsync(Roles.Operator);
        using var anonymous = _factory.CreateClient();
        var open = (string)(await Json.PostAsync(owner, "/api/v1/codes", """{"data":"poster"}"""))["id"]!;
        var closed = (string)(await Json.PostAsync(owner, "/api/v1/codes", """{"data":"internal","public":false}"""))["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/codes/{open}/image.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/codes/{closed}/image.png")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/codes/{closed}/image.png")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/codes/{open}")).StatusCode);
    }

    [Fact]
    public async Task OtherTenantsApiKey_CannotBeRevoked()
    {
        var (_, keyId) = await _factory.CreateApiKeyClientAsync(Roles.Viewer);
        using var stranger = await _factory.CreateClientAsync(Roles.Admin, OtherTenant);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/api-keys/{keyId}")).StatusCode);
    }
}

public sealed class SqliteTenantIsolationTests() : TenantIsolationTests(Database.Sqlite);

public sealed class PostgresTenantIsolationTests() : TenantIsolationTests(Database.Postgres);
