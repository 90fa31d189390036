using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrForge.Server.Storage;

namespace QrForge.Server.Identity;

/// <summary>A credential for programs. The secret is shown once; only its SHA-256 is stored.</summary>
public sealed class ApiKey : ITenantOwned
{
    /// <summary>The literal start of every key, so that scanners of leaked secrets recognise it.</summary>
    public const string SecretPrefix = "qrf_";

    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>One of <see cref="Roles"/>.</summary>
    public string Role { get; set; } = Roles.Viewer;

    /// <summary>SHA-256 of the whole secret, hex. The secret holds 256 random bits, so a fast hash is enough.</summary>
    public string SecretHash { get; set; } = "";

    /// <summary>The first characters of the secret (<c>qrf_</c> and 6 more), to tell keys apart in lists.</summary>
    public string Hint { get; set; } = "";

    /// <summary>The user or key that made it.</summary>
    public Guid? CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Name).HasMaxLength(100).IsRequired();
        builder.Property(k => k.Role).HasMaxLength(20).IsRequired();
        builder.Property(k => k.SecretHash).HasMaxLength(64).IsRequired();
        builder.Property(k => k.Hint).HasMaxLength(20).IsRequired();
        builder.HasIndex(k => k.SecretHash).IsUnique();
        builder.HasIndex(k => new { k.TenantId, k.Id });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
