using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrForge.Server.Storage;

namespace QrForge.Server.Links;

/// <summary>A dynamic code: the short URL <c>/r/{slug}</c> and the destination it redirects to. Times are UTC.</summary>
public sealed class Link : ITenantOwned
{
    /// <summary>UUIDv7: time-ordered, so the key is also the listing order and cursor.</summary>
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Globally unique (the redirect finds a link by slug alone); never changes after creation.</summary>
    public string Slug { get; set; } = "";

    /// <summary>Absolute http/https URL with an ASCII (punycode) host.</summary>
    public string Destination { get; set; } = "";

    public string? Title { get; set; }

    public List<string> Tags { get; set; } = [];

    /// <summary>Before this time the link answers 404.</summary>
    public DateTime? ValidFrom { get; set; }

    /// <summary>From this time the link answers 410 (or redirects to <see cref="ExpiredUrl"/>).</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>Most redirects served; null for no cap.</summary>
    public int? MaxScans { get; set; }

    /// <summary>Redirects counted against <see cref="MaxScans"/> (kept only for capped links, raised atomically by the redirect).</summary>
    public int CapCount { get; set; }

    /// <summary>Where an expired or exhausted link sends the visitor instead of answering 410.</summary>
    public string? ExpiredUrl { get; set; }

    /// <summary>301, 302 (default) or 307.</summary>
    public int RedirectStatus { get; set; } = 302;

    public bool Disabled { get; set; }

    /// <summary>The image style as JSON, or null for the defaults.</summary>
    public string? Style { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Raised by every change; part of image cache keys.</summary>
    public int Revision { get; set; }
}

internal sealed class LinkConfiguration : IEntityTypeConfiguration<Link>
{
    public void Configure(EntityTypeBuilder<Link> builder)
    {
        builder.ToTable("links");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Slug).HasMaxLength(64).IsRequired();
        builder.Property(l => l.Destination).HasMaxLength(8192).IsRequired();
        builder.Property(l => l.Title).HasMaxLength(200);
        builder.Property(l => l.ExpiredUrl).HasMaxLength(8192);
        builder.Property(l => l.Style).HasMaxLength(2000);
        builder.HasIndex(l => l.Slug).IsUnique();
        builder.HasIndex(l => new { l.TenantId, l.Id });
    }
}
