using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Passes;

/// <summary>
/// One service per test class and database (starting one and migrating it is most of a test's cost). Tests that
/// share it use their own events, subjects and nonces, and move the shared clock only forward.
/// </summary>
public abstract class PassHostFixture(Database database) : IAsyncLifetime
{
    public QrForgeFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync() => Factory = await QrForgeFactory.CreateAsync(database);

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

public sealed class SqlitePassHost() : PassHostFixture(Database.Sqlite);

public sealed class PostgresPassHost() : PassHostFixture(Database.Postgres);
