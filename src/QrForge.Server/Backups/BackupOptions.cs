using System.ComponentModel.DataAnnotations;

namespace QrForge.Server.Backups;

/// <summary>The <c>QrForge:Backup</c> section: where backups go and the scheduled backups with their retention.</summary>
public sealed class BackupOptions
{
    public const string Section = "QrForge:Backup";

    /// <summary>Where scheduled backups (and <c>qrforge db backup</c> without <c>--output</c>) are written. Default <c>data/backups</c>.</summary>
    public string Directory { get; set; } = "data/backups";

    /// <summary>Take backups on a schedule in the service. Default off (turn it on for one node only).</summary>
    public bool Enabled { get; set; }

    /// <summary>Also take one as soon as the service has started. Default off.</summary>
    public bool AtStart { get; set; }

    /// <summary>Time between scheduled backups. Default one day.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Scheduled backups kept at most (the newest). Default 7.</summary>
    [Range(1, 100_000)]
    public int KeepCount { get; set; } = 7;

    /// <summary>Scheduled backups older than this are removed (the newest one is always kept). Default 30 days.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Folder holding <c>pg_dump</c> and <c>pg_restore</c>; default: PATH, then the newest /usr/lib/postgresql/*/bin.</summary>
    public string? PgBinDirectory { get; set; }
}
