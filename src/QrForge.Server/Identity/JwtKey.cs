using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace QrForge.Server.Identity;

/// <summary>
/// An ES256 key that signs access tokens. The private key is kept encrypted with ASP.NET Core Data Protection;
/// the public key in the clear, so every node can verify.
/// </summary>
public sealed class JwtKey
{
    /// <summary>The <c>kid</c> header of the tokens it signs.</summary>
    public string Id { get; set; } = "";

    /// <summary>PKCS#8, protected by Data Protection, base64.</summary>
    public string ProtectedPrivateKey { get; set; } = "";

    /// <summary>SubjectPublicKeyInfo, base64.</summary>
    public string PublicKey { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>Once set, the key neither signs nor verifies.</summary>
    public DateTime? RetiredAt { get; set; }
}

internal sealed class JwtKeyConfiguration : IEntityTypeConfiguration<JwtKey>
{
    public void Configure(EntityTypeBuilder<JwtKey> builder)
    {
        builder.ToTable("jwt_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(32);
        builder.Property(k => k.ProtectedPrivateKey).HasMaxLength(4000).IsRequired();
        builder.Property(k => k.PublicKey).HasMaxLength(1000).IsRequired();
    }
}
