using System.ComponentModel.DataAnnotations;

namespace QrForge.Server.Operations;

public sealed class CleanupOptions
{
    /// <summary>Run the expiry clean-up in the background. Default on.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between clean-up runs. Default one hour.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows removed per statement. Default 1000.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;
}
