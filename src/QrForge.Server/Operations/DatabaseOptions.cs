namespace QrForge.Server.Operations;

public sealed class DatabaseOptions
{
    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Connection string; for SQLite the default is a file under <c>./data</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply migrations when the service starts. Default on.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    public bool IsPostgres => Provider.Equals("postgres", StringComparison.OrdinalIgnoreCase) || Provider.Equals("postgresql", StringComparison.OrdinalIgnoreCase);
}
