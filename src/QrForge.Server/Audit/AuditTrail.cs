using QrForge.Server.Identity;
using QrForge.Server.Storage;

namespace QrForge.Server.Audit;

/// <summary>
/// Records who changed what. Features call <see cref="RecordAsync"/> after each change they save; the actor,
/// tenant, client address and request id are taken from the current request. The entry is written at once,
/// on its own, so an accepted change is never left without its entry by a later failure of the request.
/// </summary>
public sealed class AuditTrail(IServiceScopeFactory scopes, IHttpContextAccessor http, TenantContext tenant, TimeProvider clock)
{
    /// <param name="action">What happened, as <c>entity.verb</c>: <c>link.create</c>, <c>pass.revoke</c>.</param>
    /// <param name="entityType">The kind of object: <c>link</c>, <c>pass</c>.</param>
    /// <param name="entityId">The object's id, when there is one.</param>
    /// <param name="summary">A short, human-readable account of what changed (no secrets).</param>
    /// <param name="ct">Cancels the write.</param>
    public Task RecordAsync(string action, string entityType, string? entityId, string? summary, CancellationToken ct = default)
    {
        var user = http.HttpContext?.User;
        var authenticated = user?.Identity?.IsAuthenticated == true;
        var kind = authenticated ? user!.FindFirst(ClaimNames.Kind)?.Value ?? "user" : http.HttpContext is null ? "system" : "anonymous";
        var actor = authenticated && Guid.TryParse(user!.FindFirst(ClaimNames.Subject)?.Value, out var id) ? id : (Guid?)null;
        return WriteAsync(tenant.TenantId, kind, actor, action, entityType, entityId, summary, ct);
    }

    /// <summary>Records an event whose actor is known but not (yet) signed in: a sign-in, a CLI action.</summary>
    public Task RecordAsAsync(Guid tenantId, string actorKind, Guid? actorId, string action, string entityType, string? entityId, string? summary, CancellationToken ct = default) =>
        WriteAsync(tenantId, actorKind, actorId, action, entityType, entityId, summary, ct);

    private async Task WriteAsync(Guid tenantId, string kind, Guid? actor, string action, string entityType, string? entityId, string? summary, CancellationToken ct)
    {
        var context = http.HttpContext;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        db.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            TenantId = tenantId,
            At = clock.GetUtcNow().UtcDateTime,
            ActorKind = kind,
            ActorId = actor,
            Action = Bound(action, 64)!,
            EntityType = Bound(entityType, 32)!,
            EntityId = Bound(entityId, 100),
            Summary = Bound(summary, 1000),
            ClientIp = context?.Connection.RemoteIpAddress?.ToString(),
            RequestId = context is null ? null : Bound(context.TraceIdentifier, 128),
        });

        // A change already saved must not fail because its audit entry was cancelled with the request.
        await db.SaveChangesAsync(CancellationToken.None);
        _ = ct;
    }

    private static string? Bound(string? value, int max) => value is { Length: > 0 } && value.Length > max ? value[..max] : value;
}
