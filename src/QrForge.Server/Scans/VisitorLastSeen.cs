using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrForge.Server.Storage;

namespace QrForge.Server.Scans;

/// <summary>The last quarter hour a visitor hash was seen on a link: what the next presence's previous one is.</summary>
public sealed class VisitorLastSeen : ITenantOwned
{
    public Guid LinkId { get; set; }

    public string VisitorHash { get; set; } = "";

    public Guid TenantId { get; set; }

    public DateTime LastStart { get; set; }
}

internal sealed class VisitorLastSeenConfiguration : IEntityTypeConfiguration<VisitorLastSeen>
{
    public void Configure(EntityTypeBuilder<VisitorLastSeen> builder)
    {
        builder.ToTable("visitor_last_seen");
        builder.HasKey(r => new { r.LinkId, r.VisitorHash });
        builder.Property(r => r.VisitorHash).HasMaxLength(32);
    }
}
