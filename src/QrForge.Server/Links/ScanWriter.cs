using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using QrForge.Server.Operations;
using QrForge.Server.Storage;

namespace QrForge.Server.Links;

/// <summary>
/// Drains <see cref="PendingScans"/> in the background and writes the scans in batches: one binary <c>COPY</c> per
/// batch on PostgreSQL, multi-row <c>INSERT</c>s in one transaction on SQLite. A batch is written when it is
/// full or when its oldest scan has waited <c>ScanFlushMilliseconds</c>; a failed batch is retried three times,
/// then dropped and counted. On a graceful shutdown the queue is closed and everything in it is written before
/// the host stops.
/// </summary>
public sealed class ScanWriter(
    PendingScans queue,
    ScanEnricher enricher,
    IServiceScopeFactory scopes,
    IOptions<QrForgeOptions> options,
    QrForgeMetrics metrics,
    ILogger<ScanWriter> logger) : BackgroundService
{
    // SQLite allows 32,766 parameters per statement; 13 columns × 500 rows stays well below.
    private const int SqliteRowsPerStatement = 500;
    private const int Attempts = 3;

    private LinksOptions Settings => options.Value.Links;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Scan>(Settings.ScanBatchSize);
        var reader = queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                Fill(batch);
                if (batch.Count < Settings.ScanBatchSize && Settings.ScanFlushMilliseconds > 0)
                {
                    // Let a batch form under light load; a crash loses at most this much plus the batch in flight.
                    await Task.Delay(Settings.ScanFlushMilliseconds, stoppingToken);
                    Fill(batch);
                }

                await WriteAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the rest is written below.
        }

        queue.Complete();
        var flushed = batch.Count;
        await WriteAsync(batch, CancellationToken.None);
        while (true)
        {
            Fill(batch);
            if (batch.Count == 0)
            {
                break;
            }

            flushed += batch.Count;
            await WriteAsync(batch, CancellationToken.None);
        }

        LinkLog.ScanQueueFlushed(logger, flushed);
    }

    private void Fill(List<Scan> batch)
    {
        var reader = queue.Reader;
        while (batch.Count < Settings.ScanBatchSize && reader.TryRead(out var e))
        {
            batch.Add(enricher.Enrich(e));
        }
    }

    private async Task WriteAsync(List<Scan> batch, CancellationToken stoppingToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
                if (db.Database.IsNpgsql())
                {
                    await CopyAsync(db, batch);
                }
                else
                {
                    await InsertAsync(db, batch);
                }

                metrics.ScansWritten(batch.Count);
                break;
            }
            catch (Exception e) when (attempt < Attempts && !stoppingToken.IsCancellationRequested)
            {
                LinkLog.ScanWriteRetry(logger, batch.Count, attempt, e);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), CancellationToken.None);
            }
            catch (Exception e)
            {
                LinkLog.ScanWriteFailed(logger, batch.Count, e);
                metrics.ScanDropped("write_failed", batch.Count);
                break;
            }
        }

        queue.MarkProcessed(batch.Count);
        batch.Clear();
    }

    private static async Task CopyAsync(QrForgeDbContext db, List<Scan> batch)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY scans (id, tenant_id, link_id, occurred_at, source, device, os, browser, is_bot, referrer_host, country, visitor_hash, ip) FROM STDIN (FORMAT BINARY)");
        foreach (var s in batch)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(s.Id, NpgsqlDbType.Uuid);
            await copy.WriteAsync(s.TenantId, NpgsqlDbType.Uuid);
            await copy.WriteAsync(s.LinkId, NpgsqlDbType.Uuid);
            await copy.WriteAsync(s.OccurredAt, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(s.Source, NpgsqlDbType.Varchar);
            await copy.WriteAsync(s.Device, NpgsqlDbType.Varchar);
            await copy.WriteAsync(s.Os, NpgsqlDbType.Varchar);
            await copy.WriteAsync(s.Browser, NpgsqlDbType.Varchar);
            await copy.WriteAsync(s.IsBot, NpgsqlDbType.Boolean);
            await WriteNullableAsync(copy, s.ReferrerHost);
            await WriteNullableAsync(copy, s.Country);
            await copy.WriteAsync(s.VisitorHash, NpgsqlDbType.Varchar);
            await WriteNullableAsync(copy, s.Ip);
        }

        await copy.CompleteAsync();
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            await copy.WriteNullAsync();
        }
        else
        {
            await copy.WriteAsync(value, NpgsqlDbType.Varchar);
        }
    }

    private static async Task InsertAsync(QrForgeDbContext db, List<Scan> batch)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        for (var start = 0; start < batch.Count; start += SqliteRowsPerStatement)
        {
            var count = Math.Min(SqliteRowsPerStatement, batch.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder("INSERT INTO scans (id, tenant_id, link_id, occurred_at, source, device, os, browser, is_bot, referrer_host, country, visitor_hash, ip) VALUES ");
            for (var i = 0; i < count; i++)
            {
                var s = batch[start + i];
                var p = "@p" + i.ToString(CultureInfo.InvariantCulture) + "_";
                sql.Append(i == 0 ? "(" : ",(")
                    .Append(p).Append("0,").Append(p).Append("1,").Append(p).Append("2,").Append(p).Append("3,")
                    .Append(p).Append("4,").Append(p).Append("5,").Append(p).Append("6,").Append(p).Append("7,")
                    .Append(p).Append("8,").Append(p).Append("9,").Append(p).Append("10,").Append(p).Append("11,")
                    .Append(p).Append("12)");
                var values = command.Parameters;
                values.AddWithValue(p + "0", SqliteValues.Guid(s.Id));
                values.AddWithValue(p + "1", SqliteValues.Guid(s.TenantId));
                values.AddWithValue(p + "2", SqliteValues.Guid(s.LinkId));
                values.AddWithValue(p + "3", SqliteValues.Time(s.OccurredAt));
                values.AddWithValue(p + "4", s.Source);
                values.AddWithValue(p + "5", s.Device);
                values.AddWithValue(p + "6", s.Os);
                values.AddWithValue(p + "7", s.Browser);
                values.AddWithValue(p + "8", s.IsBot ? 1 : 0);
                values.AddWithValue(p + "9", (object?)s.ReferrerHost ?? DBNull.Value);
                values.AddWithValue(p + "10", (object?)s.Country ?? DBNull.Value);
                values.AddWithValue(p + "11", s.VisitorHash);
                values.AddWithValue(p + "12", (object?)s.Ip ?? DBNull.Value);
            }

            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}

/// <summary>Values in the text forms EF Core's SQLite provider stores, for hand-written SQL over its tables.</summary>
internal static class SqliteValues
{
    /// <summary>EF Core stores a Guid as upper-case text.</summary>
    public static string Guid(Guid value) => value.ToString().ToUpperInvariant();

    /// <summary>EF Core stores a DateTime as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, which sorts as text in time order.</summary>
    public static string Time(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
