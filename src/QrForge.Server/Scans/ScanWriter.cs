using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using QrForge.Server.Links;
using QrForge.Server.Operations;
using QrForge.Server.Storage;

namespace QrForge.Server.Scans;

/// <summary>
/// Drains <see cref="PendingScans"/> in the background and writes the scans in batches (reading and enriching the
/// next batch while one is written): one binary <c>COPY</c> per batch on PostgreSQL, multi-row <c>INSERT</c>s in
/// one transaction on SQLite, each with its <see cref="ScanRollup"/> and <see cref="VisitorRollup"/> increments in the same transaction. A batch is written when it is
/// full or when its oldest scan has waited <c>ScanFlushMilliseconds</c>; a failed batch is retried three times,
/// then dropped and counted. On a graceful shutdown the queue is closed and everything in it is written before
/// the host stops.
/// </summary>
public sealed class ScanWriter(
    PendingScans queue,
    ScanEnricher enricher,
    IServiceScopeFactory scopes,
    IOptions<LinksOptions> options,
    QrForgeMetrics metrics,
    ILogger<ScanWriter> logger) : BackgroundService
{
    private const int Attempts = 3;

    private LinksOptions Settings => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Two batches: the next one is read and enriched while the previous one is being written.
        var batch = new List<Scan>(Settings.ScanBatchSize);
        var writing = new List<Scan>(Settings.ScanBatchSize);
        var pending = Task.CompletedTask;
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

                await pending; // never faults: WriteAsync handles its own failures
                (batch, writing) = (writing, batch);
                pending = WriteAsync(writing, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the rest is written below.
        }

        await pending;
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
                await StoreAsync(db, batch, _json);

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

    /// <summary>Writes one batch of scans and their roll-up increments in one transaction.</summary>
    internal static async Task StoreAsync(QrForgeDbContext db, List<Scan> batch, ArrayBufferWriter<byte> buffer)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            if (db.Database.IsNpgsql())
            {
                await CopyAsync(db, batch);
            }
            else
            {
                await InsertAsync(db, batch, buffer);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task CopyAsync(QrForgeDbContext db, List<Scan> batch)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync();
        await CopyScansAsync(connection, batch);
        await ScanRollups.UpsertAsync(connection, transaction, ScanRollups.Of(batch));
        await VisitorRollups.AddAsync(connection, transaction, batch, RollupSql.Postgres);
        await transaction.CommitAsync();
    }

    private static async Task CopyScansAsync(NpgsqlConnection connection, List<Scan> batch)
    {
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

    // The whole batch is one multi-row INSERT ... SELECT over json_each of a single parameter: SQLite looks bound
    // parameters up by name, so thousands of named parameters would cost time quadratic in the batch size.
    private const string SqliteInsert =
        "INSERT INTO scans (id, tenant_id, link_id, occurred_at, source, device, os, browser, is_bot, referrer_host, country, visitor_hash, ip) " +
        "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), " +
        "json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'), json_extract(value, '$[7]'), " +
        "json_extract(value, '$[8]'), json_extract(value, '$[9]'), json_extract(value, '$[10]'), json_extract(value, '$[11]'), " +
        "json_extract(value, '$[12]') FROM json_each(@rows)";

    // Rows per statement: keeps the JSON text (UTF-16, ~250 characters a row) under the 85 KB large-object
    // threshold, so writing scans does not feed gen-2 collections that would show in the redirect's p99.
    private const int SqliteRowsPerStatement = 128;

    private static async Task InsertAsync(QrForgeDbContext db, List<Scan> batch, ArrayBufferWriter<byte> buffer)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteInsert;
        var rows = command.Parameters.Add("@rows", SqliteType.Text);
        for (var start = 0; start < batch.Count; start += SqliteRowsPerStatement)
        {
            rows.Value = RowsJson(buffer, batch, start, Math.Min(SqliteRowsPerStatement, batch.Count - start));
            await command.ExecuteNonQueryAsync();
        }

        await ScanRollups.UpsertAsync(connection, transaction, ScanRollups.Of(batch), buffer);
        await VisitorRollups.AddAsync(connection, transaction, batch, RollupSql.Sqlite);
        await transaction.CommitAsync();
    }

    private readonly ArrayBufferWriter<byte> _json = new(SqliteRowsPerStatement * 256);

    private static string RowsJson(ArrayBufferWriter<byte> buffer, List<Scan> batch, int start, int count)
    {
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var i = start; i < start + count; i++)
            {
                var s = batch[i];
                json.WriteStartArray();
                json.WriteStringValue(SqliteValues.Guid(s.Id));
                json.WriteStringValue(SqliteValues.Guid(s.TenantId));
                json.WriteStringValue(SqliteValues.Guid(s.LinkId));
                json.WriteStringValue(SqliteValues.Time(s.OccurredAt));
                json.WriteStringValue(s.Source);
                json.WriteStringValue(s.Device);
                json.WriteStringValue(s.Os);
                json.WriteStringValue(s.Browser);
                json.WriteNumberValue(s.IsBot ? 1 : 0);
                WriteNullable(json, s.ReferrerHost);
                WriteNullable(json, s.Country);
                json.WriteStringValue(s.VisitorHash);
                WriteNullable(json, s.Ip);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteNullable(Utf8JsonWriter json, string? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStringValue(value);
        }
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
