using System.ComponentModel.DataAnnotations;

namespace QrForge.Server.Operations;

public sealed class DatabaseOptions
{
    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Connection string; for SQLite the default is a file under <c>./data</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply migrations when the service starts. Default on.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// Longest wait for a PostgreSQL connection (connect, or a free connection from the pool), in seconds, unless
    /// the connection string sets <c>Timeout</c>. Default 3.
    /// </summary>
    [Range(1, 600)]
    public int ConnectTimeoutSeconds { get; set; } = 3;

    /// <summary>Longest wait for one database command, in seconds, unless the connection string sets <c>Command Timeout</c>. Default 5.</summary>
    [Range(1, 3600)]
    public int CommandTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// After a failed connection, how long requests needing the database are answered 503 at once (and the
    /// <c>Retry-After</c> they carry), in seconds. Default 2.
    /// </summary>
    [Range(1, 300)]
    public int RetryAfterSeconds { get; set; } = 2;

    public bool IsPostgres => Provider.Equals("postgres", StringComparison.OrdinalIgnoreCase) || Provider.Equals("postgresql", StringComparison.OrdinalIgnoreCase);
}
