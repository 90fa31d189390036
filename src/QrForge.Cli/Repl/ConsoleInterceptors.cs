using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using QrForge.Server.Audit;
using QrForge.Server.Storage;

namespace QrForge.Cli.Repl;

/// <summary>
/// <c>--read-only</c>: refuses every change, whether through <c>SaveChanges</c> or a statement that writes
/// (<c>ExecuteUpdate</c>/<c>ExecuteDelete</c>, raw SQL), before it reaches the database.
/// </summary>
internal sealed partial class ReadOnlyInterceptor : DbCommandInterceptor, ISaveChangesInterceptor
{
    public const string Message = "the console is read-only (--read-only): changes are refused";

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException(Message);

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        throw new InvalidOperationException(Message);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Refuse(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Refuse(command);
        return base.NonQueryExecuting(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Refuse(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Refuse(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    private static void Refuse(DbCommand command)
    {
        if (Writes().IsMatch(command.CommandText))
        {
            throw new InvalidOperationException(Message);
        }
    }

    // A statement that changes data or schema, anywhere in the batch.
    [GeneratedRegex(@"(^|;)\s*(INSERT|UPDATE|DELETE|MERGE|REPLACE|UPSERT|CREATE|ALTER|DROP|TRUNCATE|GRANT|REVOKE|VACUUM|COPY)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Writes();
}

/// <summary>
/// Records every change saved from the console in the audit trail, in the same transaction as the change (so a
/// <c>--sandbox</c> rollback takes the entries too): actor kind <c>console</c>, the operating-system user in the
/// summary.
/// </summary>
internal sealed class ConsoleAuditInterceptor(string osUser, TimeProvider clock) : SaveChangesInterceptor
{
    public const string ActorKind = "console";

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    private void Record(DbContext? context)
    {
        if (context is not QrForgeDbContext db)
        {
            return;
        }

        db.ChangeTracker.DetectChanges();
        var changed = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is not AuditEntry and not DataProtectionKey)
            .ToList();
        var now = clock.GetUtcNow();
        foreach (var entry in changed)
        {
            var type = entry.Metadata.ClrType.Name.ToLowerInvariant();
            var verb = entry.State switch
            {
                EntityState.Added => "create",
                EntityState.Deleted => "delete",
                _ => "update",
            };
            db.Add(new AuditEntry
            {
                Id = Guid.CreateVersion7(now),
                TenantId = entry.Entity is ITenantOwned owned ? owned.TenantId : db.TenantId,
                At = now.UtcDateTime,
                ActorKind = ActorKind,
                Action = Bound($"{type}.{verb}", 64),
                EntityType = Bound(type, 32),
                EntityId = KeyOf(entry) is { } key ? Bound(key, 100) : null,
                Summary = Bound($"{type} {verb}d by {osUser} in qrforge console", 1000),
            });
        }
    }

    private static string? KeyOf(EntityEntry entry) =>
        entry.Metadata.FindPrimaryKey() is { } key ? string.Join(",", key.Properties.Select(p => entry.Property(p.Name).CurrentValue)) : null;

    private static string Bound(string value, int max) => value.Length > max ? value[..max] : value;
}
