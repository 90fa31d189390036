using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrForge.Encoding;
using QrForge.Server.Storage;

namespace QrForge.Server.Codes;

/// <summary>A stored, static QR code: its data, look and expiry. Times are UTC.</summary>
public sealed class Code : ITenantOwned
{
    /// <summary>UUIDv7: time-ordered, so the primary key doubles as the listing order and cursor.</summary>
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The text, or for binary codes the bytes in base64.</summary>
    public string Data { get; set; } = "";

    public bool IsBinary { get; set; }

    public string? Label { get; set; }

    public List<string> Tags { get; set; } = [];

    public Ecc Ecc { get; set; }

    /// <summary>The symbol version the data needed when the code was made.</summary>
    public int Version { get; set; }

    /// <summary>The stored style as JSON, or null for the defaults.</summary>
    public string? Style { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    /// <summary>Raised by every change; part of image cache keys so no node serves an image of an older revision.</summary>
    public int Revision { get; set; }

    /// <summary>Its image is served to anyone who has the URL (the id holds 74 random bits); its details never are.</summary>
    public bool IsPublic { get; set; } = true;

    public bool IsExpired(DateTime now) => ExpiresAt is { } at && at <= now;
}

internal sealed class CodeConfiguration : IEntityTypeConfiguration<Code>
{
    public void Configure(EntityTypeBuilder<Code> builder)
    {
        builder.ToTable("codes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Data).IsRequired();
        builder.Property(c => c.Label).HasMaxLength(200);
        builder.Property(c => c.Ecc).HasConversion<string>().HasMaxLength(1);
        builder.Property(c => c.Style).HasMaxLength(2000);
        builder.Property(c => c.IsPublic).HasDefaultValue(true).HasSentinel(true);
        builder.HasIndex(c => new { c.TenantId, c.Id });
        builder.HasIndex(c => c.ExpiresAt);
        builder.HasIndex(c => new { c.TenantId, c.Label });
    }
}
