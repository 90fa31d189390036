using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using QrForge.Server.Codes;
using QrForge.Server.Links;
using QrForge.Server.Passes;
using QrForge.Server.Scans;

namespace QrForge.Server.Storage;

/// <summary>
/// The service's database. Every tenant-owned entity carries a tenant id and is filtered to the current
/// tenant by a global query filter. The provider-specific subclasses exist only to keep one migration set
/// per provider.
/// </summary>
public abstract class QrForgeDbContext(DbContextOptions options, TenantContext tenant) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>The tenant whose rows this context sees.</summary>
    public Guid TenantId => tenant.TenantId;

    public DbSet<Code> Codes => Set<Code>();

    public DbSet<Link> Links => Set<Link>();

    public DbSet<Scan> Scans => Set<Scan>();

    public DbSet<PassEvent> Events => Set<PassEvent>();

    public DbSet<Subject> Subjects => Set<Subject>();

    public DbSet<Pass> Passes => Set<Pass>();

    public DbSet<CheckIn> CheckIns => Set<CheckIn>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    /// <summary>The ASP.NET Core Data Protection key ring (shared by every node), when kept in the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ScanRollup> ScanRollups => Set<ScanRollup>();

    public DbSet<VisitorRollup> VisitorRollups => Set<VisitorRollup>();

    public DbSet<VisitorLastSeen> VisitorLastSeen => Set<VisitorLastSeen>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every time is UTC; SQLite returns DateTime of unspecified kind, so mark it on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(QrForgeDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            // One schema convention: every column is the snake_case form of its property (hand-written SQL uses
            // the same names); tables are named in each entity's configuration.
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase.Of(property.Name));
            }

            if (typeof(ITenantOwned).IsAssignableFrom(entity.ClrType))
            {
                modelBuilder.Entity(entity.ClrType).HasQueryFilter(TenantFilter(entity.ClrType));
            }
        }
    }

    // row => row.TenantId == this.TenantId, with "this" kept as the context so EF Core reads it per query.
    private LambdaExpression TenantFilter(Type type)
    {
        var row = Expression.Parameter(type, "row");
        var rowTenant = Expression.Property(row, nameof(ITenantOwned.TenantId));
        var current = Expression.Property(Expression.Constant(this), nameof(TenantId));
        return Expression.Lambda(Expression.Equal(rowTenant, current), row);
    }
}
