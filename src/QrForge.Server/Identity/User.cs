using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace QrForge.Server.Identity;

/// <summary>A person who signs in. One user may hold a role in several tenants (<see cref="Membership"/>).</summary>
public sealed class User
{
    public Guid Id { get; set; }

    /// <summary>Trimmed and lower-cased; unique.</summary>
    public string Email { get; set; } = "";

    /// <summary>The platform password hasher's output (PBKDF2-HMAC-SHA512, salted, versioned).</summary>
    public string PasswordHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? DisabledAt { get; set; }

    /// <summary>Unused: failed sign-ins are counted per account and client by <see cref="LoginThrottle"/>. Kept until a migration drops it.</summary>
    public int FailedLogins { get; set; }

    /// <summary>Unused, as <see cref="FailedLogins"/>.</summary>
    public DateTime? LockedUntil { get; set; }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Email).HasMaxLength(254).IsRequired();
        builder.Property(u => u.PasswordHash).HasMaxLength(200).IsRequired();
        builder.HasIndex(u => u.Email).IsUnique();
    }
}
