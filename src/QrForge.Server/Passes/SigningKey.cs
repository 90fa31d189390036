using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrForge.Server.Storage;

namespace QrForge.Server.Passes;

/// <summary>A pass signing key. The private key is stored only as Data Protection ciphertext.</summary>
public sealed class SigningKey : ITenantOwned
{
    /// <summary>Random, unique across tenants, 1..2^32-1 (stored as a 64-bit integer for PostgreSQL).</summary>
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Uncompressed P-256 point coordinates, 32 bytes each.</summary>
    public byte[] PublicX { get; set; } = [];

    public byte[] PublicY { get; set; } = [];

    /// <summary>PKCS#8 private key, protected with ASP.NET Core Data Protection.</summary>
    public byte[] ProtectedPrivateKey { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    /// <summary>When a newer key took over signing; the key still verifies until retired.</summary>
    public DateTime? RotatedAt { get; set; }

    /// <summary>When the key stopped verifying.</summary>
    public DateTime? RetiredAt { get; set; }

    public SigningKeyStatus Status => RetiredAt is not null ? SigningKeyStatus.Retired : RotatedAt is not null ? SigningKeyStatus.VerifyOnly : SigningKeyStatus.Active;
}

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("pass_signing_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.PublicX).HasMaxLength(32).IsRequired();
        builder.Property(k => k.PublicY).HasMaxLength(32).IsRequired();
        builder.Property(k => k.ProtectedPrivateKey).IsRequired();
        builder.Ignore(k => k.Status);
        builder.HasIndex(k => k.TenantId);
    }
}
