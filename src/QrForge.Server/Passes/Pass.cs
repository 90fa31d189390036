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

/// <summary>Entering or leaving.</summary>
public enum CheckInDirection
{
    In,
    Out,
}

/// <summary>The outcome of a check-in.</summary>
public enum CheckInResult
{
    /// <summary>The movement was recorded.</summary>
    Ok,

    /// <summary>An <c>in</c> for a pass already inside.</summary>
    AlreadyInside,

    /// <summary>An <c>out</c> for a pass not inside.</summary>
    NotInside,

    /// <summary>The token or scan was refused; see the reason.</summary>
    Refused,
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

/// <summary>Where a key is in its life.</summary>
public enum SigningKeyStatus
{
    /// <summary>Signs new passes and verifies.</summary>
    Active,

    /// <summary>Verifies only (a newer key signs).</summary>
    VerifyOnly,

    /// <summary>Neither; its tokens are refused as <c>unknown_key</c>.</summary>
    Retired,
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
