using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace QrForge.Server.Storage;

// Used only by `dotnet ef migrations add`, one per provider so each keeps its own migration set:
//   dotnet ef migrations add Name --context SqliteQrForgeDbContext --output-dir Storage/Migrations/Sqlite
//   dotnet ef migrations add Name --context PostgresQrForgeDbContext --output-dir Storage/Migrations/Postgres

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteQrForgeDbContext>
{
    public SqliteQrForgeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteQrForgeDbContext>().UseSqlite(StorageExtensions.DefaultSqliteConnectionString).Options, new TenantContext());
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresQrForgeDbContext>
{
    public PostgresQrForgeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresQrForgeDbContext>().UseNpgsql("Host=localhost;Database=qrforge").Options, new TenantContext());
}
