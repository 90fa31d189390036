using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrForge.Server.Storage;

namespace QrForge.Server.Passes;

/// <summary>One scan at a checkpoint, kept with its outcome; the nonce (unique per tenant) makes retries idempotent.</summary>
public sealed class CheckIn : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Scanner-chosen, unique per tenant: a retry with the same nonce gets the first answer.</summary>
    public string Nonce { get; set; } = "";

    public Guid? PassId { get; set; }

    public Guid? EventId { get; set; }

    public string Checkpoint { get; set; } = "";

    public CheckInDirection Direction { get; set; }

    public DateTime ScannedAt { get; set; }

    public DateTime RecordedAt { get; set; }

    public CheckInResult Result { get; set; }

    /// <summary>Why a scan was refused (a <see cref="PassVerdict"/> or <c>unknown_checkpoint</c>…).</summary>
    public string? Reason { get; set; }

    /// <summary>Uploaded in an offline batch.</summary>
    public bool Offline { get; set; }
}

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> builder)
    {
        builder.ToTable("pass_checkins");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Nonce).HasMaxLength(100).IsRequired();
        builder.Property(c => c.Checkpoint).HasMaxLength(64).IsRequired();
        builder.Property(c => c.Direction).HasConversion<string>().HasMaxLength(3);
        builder.Property(c => c.Result).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Reason).HasMaxLength(64);
        builder.HasIndex(c => new { c.TenantId, c.Nonce }).IsUnique();
        builder.HasIndex(c => new { c.PassId, c.ScannedAt });
    }
}
