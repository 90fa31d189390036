using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrForge.Server.Storage;

namespace QrForge.Server.Scans;

/// <summary>
/// The exact distinct-visitor roll-up of a link: per UTC quarter hour q and the quarter hour p in which the same
/// visitor hash was last seen on that link before q (<see cref="VisitorRollups.NoPrevious"/> when never), how many
/// visitors. The distinct visitors of a range [S, E) of quarter hours are then the sum of the rows with
/// S ≤ q &lt; E and p &lt; S: each visitor is counted at its first presence in the range only. Per link only: a
/// tenant-wide version could not forget a deleted link's visitors, and a tag is any set of links.
/// </summary>
public sealed class VisitorRollup : ITenantOwned
{
    public Guid LinkId { get; set; }

    public DateTime BucketStart { get; set; }

    public DateTime PreviousStart { get; set; }

    public Guid TenantId { get; set; }

    public long Count { get; set; }
}

internal sealed class VisitorRollupConfiguration : IEntityTypeConfiguration<VisitorRollup>
{
    public void Configure(EntityTypeBuilder<VisitorRollup> builder)
    {
        builder.ToTable("visitor_rollups");
        builder.HasKey(r => new { r.LinkId, r.BucketStart, r.PreviousStart });
    }
}
