using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using QrForge.Server.Operations;

namespace QrForge.Server.Storage;

public static class StorageExtensions
{
    /// <summary>The SQLite file used when nothing is configured.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/qrforge.db";

    /// <summary>Registers <see cref="QrForgeDbContext"/> on SQLite (default) or PostgreSQL and the Data Protection key ring.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(QrForgeOptions.Section).Get<QrForgeOptions>()?.Database ?? new DatabaseOptions();
        services.AddScoped<TenantContext>();
        if (options.IsPostgres)
        {
            var connection = options.ConnectionString
                ?? throw new InvalidOperationException("QrForge:Database:ConnectionString (or DATABASE_URL) is required for PostgreSQL.");
            services.AddDbContext<QrForgeDbContext, PostgresQrForgeDbContext>(o => o.UseNpgsql(connection));
        }
        else
        {
            var connection = PrepareSqlite(options.ConnectionString ?? DefaultSqliteConnectionString);
            services.AddDbContext<QrForgeDbContext, SqliteQrForgeDbContext>(o => o.UseSqlite(connection).AddInterceptors(new SqliteTuning()));
        }

        services.AddKeyRing(configuration);
        return services;
    }

    /// <summary>Applies pending migrations when <c>QrForge:Database:MigrateOnStartup</c> is on (the default).</summary>
    public static async Task MigrateOnStartupAsync(this IServiceProvider services)
    {
        var options = services.GetRequiredService<IConfiguration>().GetSection(QrForgeOptions.Section).Get<QrForgeOptions>()?.Database ?? new DatabaseOptions();
        if (options.MigrateOnStartup)
        {
            await MigrateAsync(services);
        }
    }

    /// <summary>Applies pending migrations (also used by <c>qrforge db migrate</c>).</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers proceed while one writer writes; it is a property of the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>Creates the folder of a file database and turns on write-ahead logging friendly defaults.</summary>
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        builder.Pooling = true;
        builder.DefaultTimeout = builder.DefaultTimeout == 30 ? 10 : builder.DefaultTimeout;
        return builder.ConnectionString;
    }
}
