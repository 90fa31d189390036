using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrForge.Server.Storage;

namespace QrForge.Server.Scans;

/// <summary>One recorded visit of a link, written in batches by <see cref="ScanWriter"/>. Never updated.</summary>
public sealed class Scan : ITenantOwned
{
    /// <summary>UUIDv7 of the visit time: the listing order and cursor.</summary>
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid LinkId { get; set; }

    public DateTime OccurredAt { get; set; }

    /// <summary><c>qr</c> (the link's QR image was scanned: the URL carried the <c>?qr</c> mark) or <c>click</c>.</summary>
    public string Source { get; set; } = "click";

    /// <summary><c>mobile</c>, <c>tablet</c>, <c>desktop</c>, <c>bot</c> or <c>other</c>.</summary>
    public string Device { get; set; } = "other";

    public string Os { get; set; } = "other";

    public string Browser { get; set; } = "other";

    public bool IsBot { get; set; }

    /// <summary>Host of the <c>Referer</c> header, lower case; null when none.</summary>
    public string? ReferrerHost { get; set; }

    /// <summary>ISO 3166-1 alpha-2, upper case; null when unknown.</summary>
    public string? Country { get; set; }

    /// <summary>Hex of HMAC-SHA256(daily salt, IP + user agent), first 16 bytes; the same visitor on the same UTC day gives the same hash.</summary>
    public string VisitorHash { get; set; } = "";

    /// <summary>The truncated IP address, only when configured (<c>QrForge:Links:StoreTruncatedIp</c>).</summary>
    public string? Ip { get; set; }
}

internal sealed class ScanConfiguration : IEntityTypeConfiguration<Scan>
{
    public void Configure(EntityTypeBuilder<Scan> builder)
    {
        builder.ToTable("scans");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Source).HasMaxLength(8);
        builder.Property(s => s.Device).HasMaxLength(16);
        builder.Property(s => s.Os).HasMaxLength(32);
        builder.Property(s => s.Browser).HasMaxLength(32);
        builder.Property(s => s.ReferrerHost).HasMaxLength(255);
        builder.Property(s => s.Country).HasMaxLength(2);
        builder.Property(s => s.VisitorHash).HasMaxLength(32);
        builder.Property(s => s.Ip).HasMaxLength(64);

        // Stats count unique visitors over a time range of one link or one tenant from these indexes alone
        // (index-only: every column the query reads is in the key); listings page one link's scans by id.
        builder.HasIndex(s => new { s.LinkId, s.TenantId, s.OccurredAt, s.IsBot, s.VisitorHash });
        builder.HasIndex(s => new { s.TenantId, s.OccurredAt, s.IsBot, s.VisitorHash, s.LinkId });
        builder.HasIndex(s => new { s.LinkId, s.Id });
    }
}
