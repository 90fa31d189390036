namespace QrForge.Server.Storage;

/// <summary>
/// A row that belongs to one tenant. <see cref="QrForgeDbContext"/> gives every entity that implements it a
/// global query filter on the current request's tenant, so a query can only see another tenant's rows with an
/// explicit <c>IgnoreQueryFilters()</c>.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
