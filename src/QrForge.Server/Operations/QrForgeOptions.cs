namespace QrForge.Server.Operations;

/// <summary>The <c>QrForge</c> configuration section; every value is documented in docs/configuration.md.</summary>
public sealed class QrForgeOptions
{
    public const string Section = "QrForge";

    public DatabaseOptions Database { get; set; } = new();

    public RedisOptions Redis { get; set; } = new();

    public CodesOptions Codes { get; set; } = new();

    public CleanupOptions Cleanup { get; set; } = new();




}
