namespace QrForge.Server.Audit;

public sealed record AuditResponse(
    Guid Id, DateTime At, string ActorKind, Guid? ActorId, string Action, string EntityType, string? EntityId, string? Summary, string? ClientIp, string? RequestId)
{
    public static AuditResponse From(AuditEntry a) => new(a.Id, a.At, a.ActorKind, a.ActorId, a.Action, a.EntityType, a.EntityId, a.Summary, a.ClientIp, a.RequestId);
}
