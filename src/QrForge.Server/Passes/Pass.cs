using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrForge.Server.Storage;

namespace QrForge.Server.Passes;

/// <summary>
/// A signed pass binding a subject to an event for a validity window. Its two tokens are signed once, when the
/// pass is made, and stored, so its images never change. The presence columns (<see cref="IsInside"/>,
/// <see cref="InsideCheckpoint"/>) are changed only by conditional updates (see <see cref="CheckInService"/>).
/// </summary>
public sealed class Pass : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid EventId { get; set; }

    public Guid SubjectId { get; set; }

    /// <summary>The key that signed the tokens.</summary>
    public long KeyId { get; set; }

    /// <summary>Whole seconds, UTC.</summary>
    public DateTime ValidFrom { get; set; }

    /// <summary>Whole seconds, UTC, exclusive.</summary>
    public DateTime ValidUntil { get; set; }

    /// <summary>The compact token (Base45).</summary>
    public string Token { get; set; } = "";

    /// <summary>The JWT (ES256).</summary>
    public string Jwt { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevocationReason { get; set; }

    /// <summary>The pass that replaced this one when it was reissued.</summary>
    public Guid? ReplacedBy { get; set; }

    public bool IsInside { get; set; }

    public string? InsideCheckpoint { get; set; }

    public DateTime? LastMovementAt { get; set; }
}

internal sealed class PassConfiguration : IEntityTypeConfiguration<Pass>
{
    public void Configure(EntityTypeBuilder<Pass> builder)
    {
        builder.ToTable("passes");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Token).HasMaxLength(200).IsRequired();
        builder.Property(p => p.Jwt).HasMaxLength(JwtPassToken.MaxLength).IsRequired();
        builder.Property(p => p.RevocationReason).HasMaxLength(200);
        builder.Property(p => p.InsideCheckpoint).HasMaxLength(64);
        builder.HasIndex(p => new { p.TenantId, p.EventId, p.Id });
        builder.HasIndex(p => new { p.EventId, p.RevokedAt });
        builder.HasIndex(p => new { p.EventId, p.IsInside });
        builder.HasIndex(p => new { p.TenantId, p.SubjectId });
    }
}
