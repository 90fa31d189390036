namespace QrForge.Server.Identity;

public sealed record TenantResponse(Guid Id, string Name, DateTime CreatedAt)
{
    public static TenantResponse From(Tenant t) => new(t.Id, t.Name, t.CreatedAt);
}
