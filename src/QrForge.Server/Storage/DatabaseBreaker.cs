using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using QrForge.Server.Operations;

namespace QrForge.Server.Storage;

/// <summary>
/// After a connection to the database failed (refused, timed out), opening another one fails at once for
/// <c>QrForge:Database:RetryAfterSeconds</c> instead of each request waiting out the connect timeout again; the
/// API answers those requests 503 with <c>Retry-After</c>. Reads served from the caches open no connection and
/// keep working. The first connection after the pause tries the database again. PostgreSQL only: a SQLite file
/// is not a network service (and EF Core's existence checks open it expecting failures).
/// </summary>
public sealed class DatabaseBreaker(TimeProvider clock, IOptions<QrForgeOptions> options)
{
    private long _openUntilTicks;

    /// <summary>Seconds a client should wait before retrying.</summary>
    public int RetryAfterSeconds => options.Value.Database.RetryAfterSeconds;

    /// <summary>True while connections are refused without trying.</summary>
    public bool IsOpen => clock.GetUtcNow().UtcTicks < Volatile.Read(ref _openUntilTicks);

    /// <summary>Records a failure: connections are refused for the next <see cref="RetryAfterSeconds"/>.</summary>
    public void Trip() => Volatile.Write(ref _openUntilTicks, clock.GetUtcNow().AddSeconds(RetryAfterSeconds).UtcTicks);

    /// <summary>Closes the breaker (a connection succeeded).</summary>
    public void Reset() => Volatile.Write(ref _openUntilTicks, 0);
}

/// <summary>Consults <see cref="DatabaseBreaker"/> before a connection opens and informs it of the outcome.</summary>
internal sealed class DatabaseBreakerInterceptor(DatabaseBreaker breaker) : DbConnectionInterceptor
{
    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        breaker.IsOpen ? throw new DatabaseUnavailableException() : result;

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        breaker.IsOpen ? throw new DatabaseUnavailableException() : ValueTask.FromResult(result);

    public override void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Failed(eventData.Exception);

    public override Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Exception);
        return Task.CompletedTask;
    }

    private void Failed(Exception exception)
    {
        if (DatabaseFailures.Classify(exception) == DatabaseFailure.Unavailable)
        {
            breaker.Trip();
        }
    }
}
