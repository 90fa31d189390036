using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrForge.Server.Storage;

namespace QrForge.Server.Identity;

/// <summary>
/// An offer of a role in a tenant to whoever holds an email address. A tenant admin makes it; nothing changes for
/// any account until the invited person accepts it with its secret token (and their password, or a new one for a
/// new account). The row holds the token only as its SHA-256, and no user id: an invitation tells its tenant
/// nothing about accounts elsewhere.
/// </summary>
public sealed class Invitation : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Trimmed and lower-cased, as <see cref="User.Email"/>.</summary>
    public string Email { get; set; } = "";

    /// <summary>One of <see cref="Roles"/>.</summary>
    public string Role { get; set; } = Roles.Viewer;

    /// <summary>SHA-256 (lower-case hex) of the accept token.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>The user or API key that invited; null when made otherwise.</summary>
    public Guid? InvitedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? AcceptedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary><c>pending</c>, <c>accepted</c>, <c>revoked</c> or <c>expired</c> at <paramref name="now"/>.</summary>
    public string StatusAt(DateTime now) =>
        AcceptedAt is not null ? "accepted" : RevokedAt is not null ? "revoked" : ExpiresAt <= now ? "expired" : "pending";
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("invitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Email).HasMaxLength(254).IsRequired();
        builder.Property(i => i.Role).HasMaxLength(20).IsRequired();
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => new { i.TenantId, i.CreatedAt });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
