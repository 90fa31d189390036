using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrForge.Server.Storage;

namespace QrForge.Server.Audit;

/// <summary>One recorded change: who did what to which object, when, from where.</summary>
public sealed class AuditEntry : ITenantOwned
{
    /// <summary>UUIDv7: the order of entries and the cursor of the listing.</summary>
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public DateTime At { get; set; }

    /// <summary><c>user</c>, <c>api_key</c>, <c>anonymous</c> or <c>system</c>.</summary>
    public string ActorKind { get; set; } = "";

    /// <summary>The user or key id; null for anonymous and system.</summary>
    public Guid? ActorId { get; set; }

    /// <summary>As <c>entity.verb</c>: <c>code.create</c>, <c>auth.login</c>, <c>api_key.revoke</c>.</summary>
    public string Action { get; set; } = "";

    public string EntityType { get; set; } = "";

    public string? EntityId { get; set; }

    public string? Summary { get; set; }

    public string? ClientIp { get; set; }

    public string? RequestId { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.ActorKind).HasMaxLength(20).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(64).IsRequired();
        builder.Property(a => a.EntityType).HasMaxLength(32).IsRequired();
        builder.Property(a => a.EntityId).HasMaxLength(100);
        builder.Property(a => a.Summary).HasMaxLength(1000);
        builder.Property(a => a.ClientIp).HasMaxLength(45);
        builder.Property(a => a.RequestId).HasMaxLength(128);
        builder.HasIndex(a => new { a.TenantId, a.Id });
        builder.HasIndex(a => new { a.TenantId, a.EntityType, a.EntityId });
    }
}
