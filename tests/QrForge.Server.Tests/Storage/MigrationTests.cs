using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Storage;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Storage;

/// <summary>The model and the migrations agree on both providers, so a forgotten migration fails the build's tests.</summary>
public sealed class MigrationTests
{
    [Theory]
    [InlineData(Database.Sqlite)]
    [InlineData(Database.Postgres)]
    public async Task Model_AfterEveryMigration_HasNoPendingChanges(Database database)
    {
        await using var factory = await QrForgeFactory.CreateAsync(database);
        _ = factory.CreateClient(); // starts the host, which applies the migrations
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no migration holds: add a migration for both providers.");
    }

    [Theory]
    [InlineData(Database.Sqlite)]
    [InlineData(Database.Postgres)]
    public async Task Columns_EveryTable_AreSnakeCase(Database database)
    {
        await using var factory = await QrForgeFactory.CreateAsync(database);
        _ = factory.CreateClient();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();

        var columns = db.Model.GetEntityTypes().SelectMany(e => e.GetProperties().Select(p => $"{e.GetTableName()}.{p.GetColumnName()}")).ToList();
        Assert.NotEmpty(columns);
        Assert.All(columns, c => Assert.Matches("^[a-z0-9_]+\\.[a-z0-9_]+$", c));
    }

    [Theory]
    [InlineData("TenantId", "tenant_id")]
    [InlineData("IsBot", "is_bot")]
    [InlineData("Id", "id")]
    [InlineData("ApiKeyId", "api_key_id")]
    [InlineData("HTTPStatus", "http_status")]
    [InlineData("Sha256Hash", "sha256_hash")]
    public void SnakeCase_Of_SplitsWords(string name, string expected) => Assert.Equal(expected, SnakeCase.Of(name));
}
