namespace QrForge.Server.Audit;

/// <summary>
/// Records who changed what. Features call <see cref="RecordAsync"/> after each change they save; the actor,
/// tenant, client address and request id are taken from the current request.
/// </summary>
public sealed class AuditTrail
{
    /// <param name="action">What happened, as <c>entity.verb</c>: <c>link.create</c>, <c>pass.revoke</c>.</param>
    /// <param name="entityType">The kind of object: <c>link</c>, <c>pass</c>.</param>
    /// <param name="entityId">The object's id, when there is one.</param>
    /// <param name="summary">A short, human-readable account of what changed (no secrets).</param>
    /// <param name="ct">Cancels the write.</param>
    public Task RecordAsync(string action, string entityType, string? entityId, string? summary, CancellationToken ct = default)
    {
        // Placeholder until the audit store lands with identity (issue 5); the signature is the contract.
        _ = (action, entityType, entityId, summary, ct);
        return Task.CompletedTask;
    }
}
