using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrForge.Server.Storage;

namespace QrForge.Server.Passes;

/// <summary>An event passes admit to: a time window, a time zone for display, and its checkpoints (gates, stalls).</summary>
public sealed class PassEvent : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public string Name { get; set; } = "";

    public DateTime StartsAt { get; set; }

    public DateTime EndsAt { get; set; }

    /// <summary>IANA time zone id (e.g. <c>Europe/Berlin</c>); times are stored in UTC.</summary>
    public string TimeZone { get; set; } = "UTC";

    public List<string> Checkpoints { get; set; } = [];

    public DateTime CreatedAt { get; set; }
}

internal sealed class EventConfiguration : IEntityTypeConfiguration<PassEvent>
{
    public void Configure(EntityTypeBuilder<PassEvent> builder)
    {
        builder.ToTable("pass_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Name).HasMaxLength(200).IsRequired();
        builder.Property(e => e.TimeZone).HasMaxLength(64).IsRequired();
        builder.HasIndex(e => new { e.TenantId, e.Id });
    }
}
