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
        services.AddSingleton<DatabaseBreaker>();
        services.AddSingleton<DatabaseBreakerInterceptor>();
        if (options.IsPostgres)
        {
            var connection = BoundPostgres(options.ConnectionString
                ?? throw new InvalidOperationException("QrForge:Database:ConnectionString (or DATABASE_URL) is required for PostgreSQL."), options);
            services.AddDbContext<QrForgeDbContext, PostgresQrForgeDbContext>((sp, o) => Quiet(o.UseNpgsql(connection))
                .AddInterceptors(sp.GetRequiredService<DatabaseBreakerInterceptor>()));
        }
        else
        {
            var connection = PrepareSqlite(options.ConnectionString ?? DefaultSqliteConnectionString);
            services.AddDbContext<QrForgeDbContext, SqliteQrForgeDbContext>((sp, o) => Quiet(o.UseSqlite(connection))
                .ConfigureWarnings(w => w.Log((Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug)))
                .AddInterceptors(new SqliteTuning()));
        }

        services.AddKeyRing(configuration);
        return services;
    }

    /// <summary>
    /// EF Core logs every failed command and save as an error, before the code that called it has decided what the
    /// failure means. Many are expected — a check-in retried with a known nonce, a name taken by a concurrent
    /// request (409), a database outage (503, logged once as a warning by Api/ApiExceptionHandler) — so these two
    /// events are debug; a failure nobody handles still reaches the exception handler and is logged there with
    /// its request. On SQLite, the table rebuilds of the migrations toggle <c>PRAGMA foreign_keys</c>, which SQLite does
    /// not allow inside a transaction; EF Core warns about it on every fresh database, which tells a new user nothing
    /// they can act on, so that warning is debug too.
    /// </summary>
    private static DbContextOptionsBuilder Quiet(DbContextOptionsBuilder options) => options.ConfigureWarnings(w => w.Log(
        (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, LogLevel.Debug),
        (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, LogLevel.Debug)));

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
        // A migration may rewrite a large table: it is not bound by the per-command timeout of requests.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers proceed while one writer writes; it is a property of the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>
    /// Bounds every wait on PostgreSQL (issue 12, fault 10): connecting or waiting for a pooled connection, and each
    /// command, unless the connection string names its own values.
    /// </summary>
    internal static string BoundPostgres(string connectionString, DatabaseOptions options)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Timeout"))
        {
            builder.Timeout = options.ConnectTimeoutSeconds;
        }

        if (!given.ContainsKey("Command Timeout") && !given.ContainsKey("CommandTimeout"))
        {
            builder.CommandTimeout = options.CommandTimeoutSeconds;
        }

        return builder.ConnectionString;
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
