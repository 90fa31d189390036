using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrForge.Server.Storage;

namespace QrForge.Server.Passes;

/// <summary>A person or place passes are made for: a kind (<c>student</c>, <c>stall</c>, <c>staff</c>…), an external id, a name.</summary>
public sealed class Subject : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public string Kind { get; set; } = "";

    /// <summary>The organiser's own id (student number, stall number); unique per tenant and kind.</summary>
    public string ExternalId { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Free attributes as a JSON object of strings.</summary>
    public string? Attributes { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class SubjectConfiguration : IEntityTypeConfiguration<Subject>
{
    public void Configure(EntityTypeBuilder<Subject> builder)
    {
        builder.ToTable("pass_subjects");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Kind).HasMaxLength(32).IsRequired();
        builder.Property(s => s.ExternalId).HasMaxLength(100).IsRequired();
        builder.Property(s => s.Name).HasMaxLength(200).IsRequired();
        builder.Property(s => s.Attributes).HasMaxLength(20_000);
        builder.HasIndex(s => new { s.TenantId, s.Kind, s.ExternalId }).IsUnique();
        builder.HasIndex(s => new { s.TenantId, s.Id });
    }
}
