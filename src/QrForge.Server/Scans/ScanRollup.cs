using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrForge.Server.Storage;

namespace QrForge.Server.Scans;

/// <summary>
/// How many scans of one link fell in one quarter hour (UTC) with one value of one dimension: the roll-up that
/// stats read instead of the raw scans. One row per (link, dimension, quarter, value); a scan adds one to
/// <c>scan/{source}</c> (or <c>bot/</c> for a bot) and, when human, one to each of its non-null
/// <c>device</c>, <c>os</c>, <c>browser</c>, <c>referrer</c> and <c>country</c> values. Quarter hours make every
/// bucket of every current time zone (offsets are whole quarter hours: +05:30, +05:45, +12:45) an exact sum.
/// Maintained by <see cref="ScanWriter"/> in the same transaction as the scans; never written elsewhere.
/// </summary>
public sealed class ScanRollup : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid LinkId { get; set; }

    /// <summary>One of <see cref="ScanRollups.Dimensions"/>, or <c>scan</c> / <c>bot</c>.</summary>
    public string Dimension { get; set; } = "";

    /// <summary>UTC start of the quarter hour.</summary>
    public DateTime BucketStart { get; set; }

    /// <summary>The dimension's value (the source for <c>scan</c>, empty for <c>bot</c>).</summary>
    public string Value { get; set; } = "";

    public long Count { get; set; }
}

internal sealed class ScanRollupConfiguration : IEntityTypeConfiguration<ScanRollup>
{
    public void Configure(EntityTypeBuilder<ScanRollup> builder)
    {
        builder.ToTable("scan_rollups");

        // The upsert's conflict target; also serves a link's range reads (dimension, then time).
        builder.HasKey(r => new { r.LinkId, r.Dimension, r.BucketStart, r.Value });
        builder.Property(r => r.Dimension).HasMaxLength(16);
        builder.Property(r => r.Value).HasMaxLength(255);

        // Tenant-wide stats read all links of a tenant over a range.
        builder.HasIndex(r => new { r.TenantId, r.Dimension, r.BucketStart });
    }
}
