namespace QrForge.Server.Audit;

/// <summary>Filters of the audit listing and export.</summary>
public sealed record AuditFilter(
    string? Action,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "entity_type")] string? EntityType,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "entity_id")] string? EntityId,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "actor_id")] Guid? ActorId,
    DateTimeOffset? From,
    DateTimeOffset? To)
{
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query, Dictionary<string, string[]> errors)
    {
        if (From is { } from && To is { } to && to < from)
        {
            errors["to"] = ["to must not be before from."];
        }

        if (!string.IsNullOrEmpty(Action))
        {
            query = query.Where(a => a.Action == Action);
        }

        if (!string.IsNullOrEmpty(EntityType))
        {
            query = query.Where(a => a.EntityType == EntityType);
        }

        if (!string.IsNullOrEmpty(EntityId))
        {
            query = query.Where(a => a.EntityId == EntityId);
        }

        if (ActorId is { } actor)
        {
            query = query.Where(a => a.ActorId == actor);
        }

        if (From is { } start)
        {
            var utc = start.UtcDateTime;
            query = query.Where(a => a.At >= utc);
        }

        if (To is { } end)
        {
            var utc = end.UtcDateTime;
            query = query.Where(a => a.At < utc);
        }

        return query;
    }
}
