using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrForge.Server.Storage;

namespace QrForge.Server.Identity;

/// <summary>A user's role in one tenant.</summary>
public sealed class Membership : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid UserId { get; set; }

    /// <summary>One of <see cref="Roles"/>.</summary>
    public string Role { get; set; } = Roles.Viewer;

    public DateTime CreatedAt { get; set; }

    public User? User { get; set; }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.ToTable("memberships");
        builder.HasKey(m => new { m.TenantId, m.UserId });
        builder.Property(m => m.Role).HasMaxLength(20).IsRequired();
        builder.HasIndex(m => m.UserId);
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
