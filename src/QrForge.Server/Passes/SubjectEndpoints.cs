using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using QrForge.Server.Api;
using QrForge.Server.Audit;
using QrForge.Server.Identity;
using QrForge.Server.Storage;

namespace QrForge.Server.Passes;

/// <summary><c>/api/v1/subjects</c>: create, list, get, and CSV import with a per-row report.</summary>
public static class SubjectEndpoints
{
    /// <summary>Largest CSV body accepted, in bytes.</summary>
    public const int MaxImportBytes = 32 * 1024 * 1024;

    private const int MaxAttributes = 50;

    public static IEndpointRouteBuilder MapSubjects(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/subjects").WithTags("Passes");
        group.MapPost("/", Create).WithName("CreateSubject").RequireAuthorization(Policies.Write);
        group.MapPost("/import", Import).WithName("ImportSubjects").RequireAuthorization(Policies.Write).Accepts<string>("text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes));
        group.MapGet("/", List).WithName("ListSubjects").RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}", Get).WithName("GetSubject").RequireAuthorization(Policies.Read);
        return app;
    }

    private static async Task<Results<Created<SubjectResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateSubjectRequest request, QrForgeDbContext db, TenantContext tenant, TimeProvider clock, IOptions<PassesOptions> options, AuditTrail audit, CancellationToken ct)
    {
        var errors = Validate(request.Kind, request.ExternalId, request.Name, request.Attributes, options.Value.Kinds);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var subject = new Subject
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            TenantId = tenant.TenantId,
            Kind = request.Kind!,
            ExternalId = request.ExternalId!.Trim(),
            Name = request.Name!.Trim(),
            Attributes = PassService.SerializeAttributes(request.Attributes),
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (await db.Subjects.AnyAsync(s => s.Kind == subject.Kind && s.ExternalId == subject.ExternalId, ct))
        {
            return Problems.Validation(new() { ["external_id"] = [$"A {subject.Kind} with external_id '{subject.ExternalId}' exists."] });
        }

        db.Subjects.Add(subject);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("subject.create", "subject", subject.Id.ToString(), $"{subject.Kind} {subject.ExternalId}", ct);
        return TypedResults.Created($"/api/v1/subjects/{subject.Id}", ToResponse(subject));
    }

    private static async Task<Results<Ok<Page<SubjectResponse>>, ValidationProblem>> List(QrForgeDbContext db, CancellationToken ct, string? cursor = null, int limit = 50, string? kind = null, string? external_id = null)
    {
        var errors = new Dictionary<string, string[]>();
        var after = Paging.Parse(cursor, limit, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var query = db.Subjects.AsNoTracking();

        if (!string.IsNullOrEmpty(kind))
        {
            query = query.Where(s => s.Kind == kind);
        }

        if (!string.IsNullOrEmpty(external_id))
        {
            query = query.Where(s => s.ExternalId == external_id);
        }

        var (rows, next) = await query.ToKeysetPageAsync(after, limit, ct);
        return TypedResults.Ok(new Page<SubjectResponse>([.. rows.Select(ToResponse)], next));
    }

    private static async Task<Results<Ok<SubjectResponse>, ProblemHttpResult>> Get(Guid id, QrForgeDbContext db, CancellationToken ct)
    {
        var subject = await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        return subject is null ? Problems.NotFound("subject", id) : TypedResults.Ok(ToResponse(subject));
    }

    /// <summary>
    /// <c>POST /api/v1/subjects/import</c> with a CSV body (RFC 4180, UTF-8, header row). Columns <c>kind</c>,
    /// <c>external_id</c> and <c>name</c> are required; every other column becomes an attribute. A row whose kind
    /// and external id exist updates that subject. Every data row gets a line in the report; bad rows do not stop
    /// the others.
    /// </summary>
    private static async Task<Results<Ok<ImportReport>, ProblemHttpResult, ValidationProblem>> Import(
        HttpRequest http, QrForgeDbContext db, TenantContext tenant, TimeProvider clock, IOptions<PassesOptions> options, HybridCache cache, AuditTrail audit, CancellationToken ct)
    {
        var settings = options.Value;
        if (http.ContentLength > MaxImportBytes)
        {
            return Problems.Validation(new() { ["body"] = [$"The CSV must be at most {MaxImportBytes} bytes."] });
        }

        List<(int Line, string[] Fields)> records;
        try
        {
            using var reader = new StreamReader(new LimitedStream(http.Body, MaxImportBytes), System.Text.Encoding.UTF8);
            // The header, the rows allowed and one more: that one tells a CSV over the limit from one at it.
            records = await CsvReader.ReadAsync(reader, settings.MaxImportRows + 2, ct);
        }
        catch (FormatException e)
        {
            return Problems.Validation(new() { ["body"] = [e.Message] });
        }

        if (records.Count == 0)
        {
            return Problems.Validation(new() { ["body"] = ["The CSV is empty; its first row names the columns (kind, external_id, name, …)."] });
        }

        if (records.Count > settings.MaxImportRows + 1)
        {
            return TooManyRows(settings.MaxImportRows);
        }

        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        int Column(string name) => Array.IndexOf(header, name);
        var (kindAt, idAt, nameAt) = (Column("kind"), Column("external_id"), Column("name"));
        if (kindAt < 0 || idAt < 0 || nameAt < 0 || header.Distinct(StringComparer.Ordinal).Count() != header.Length || header.Any(string.IsNullOrEmpty))
        {
            return Problems.Validation(new() { ["body"] = ["The header row must name kind, external_id and name, and no column twice or empty."] });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var results = new ImportRow[records.Count - 1];
        var valid = new List<(int Index, Subject Row)>();
        var seen = new Dictionary<(string, string), int>();
        for (var i = 1; i < records.Count; i++)
        {
            var (line, fields) = records[i];
            string Field(int at) => at < fields.Length ? fields[at].Trim() : "";
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var c = 0; c < header.Length; c++)
            {
                if (c != kindAt && c != idAt && c != nameAt && Field(c).Length > 0)
                {
                    attributes[header[c]] = Field(c);
                }
            }

            var (kind, externalId, name) = (Field(kindAt), Field(idAt), Field(nameAt));
            var errors = Validate(kind, externalId, name, attributes, settings.Kinds);
            if (fields.Length != header.Length)
            {
                errors["row"] = $"The row has {fields.Length} fields; the header has {header.Length}.";
            }
            else if (errors.Count == 0 && seen.TryGetValue((kind, externalId), out var earlier))
            {
                errors["external_id"] = $"The same kind and external_id are on line {earlier}.";
            }

            if (errors.Count > 0)
            {
                results[i - 1] = new ImportRow(line, "failed", null, externalId.Length > 0 ? externalId : null, errors);
                continue;
            }

            seen[(kind, externalId)] = line;
            valid.Add((i - 1, new Subject { Kind = kind, ExternalId = externalId, Name = name, Attributes = PassService.SerializeAttributes(attributes) }));
        }

        foreach (var chunk in valid.Chunk(500))
        {
            var ids = chunk.Select(c => c.Row.ExternalId).Distinct().ToList();
            var existing = (await db.Subjects.Where(s => ids.Contains(s.ExternalId)).ToListAsync(ct))
                .ToDictionary(s => (s.Kind, s.ExternalId));
            var outcomes = new List<(int Index, string Status, Subject Row)>();
            foreach (var (index, row) in chunk)
            {
                if (existing.TryGetValue((row.Kind, row.ExternalId), out var current))
                {
                    current.Name = row.Name;
                    current.Attributes = row.Attributes;
                    current.UpdatedAt = now;
                    outcomes.Add((index, "updated", current));
                }
                else
                {
                    row.Id = Guid.CreateVersion7(clock.GetUtcNow());
                    row.TenantId = tenant.TenantId;
                    row.CreatedAt = row.UpdatedAt = now;
                    db.Subjects.Add(row);
                    outcomes.Add((index, "created", row));
                }
            }

            try
            {
                await db.SaveChangesAsync(ct);
                foreach (var (index, status, row) in outcomes)
                {
                    results[index] = new ImportRow(records[index + 1].Line, status, row.Id, row.ExternalId, null);
                }
            }
            catch (DbUpdateException)
            {
                // A concurrent change took one of these external ids: report the chunk, keep going.
                db.ChangeTracker.Clear();
                foreach (var (index, _, row) in outcomes)
                {
                    results[index] = new ImportRow(records[index + 1].Line, "failed", null, row.ExternalId,
                        new Dictionary<string, string> { ["external_id"] = "Changed by a concurrent request; import this row again." });
                }
            }
        }

        await cache.RemoveByTagAsync(PassService.SubjectsTag(tenant.TenantId), ct);
        var report = new ImportReport(results.Length, results.Count(r => r.Status == "created"), results.Count(r => r.Status == "updated"), results.Count(r => r.Status == "failed"), results);
        await audit.RecordAsync("subject.import", "subject", null, $"{report.Created} created, {report.Updated} updated, {report.Failed} failed", ct);
        return TypedResults.Ok(report);
    }

    /// <summary>Field errors of a subject, by JSON field name.</summary>
    internal static Dictionary<string, string> Validate(string? kind, string? externalId, string? name, IReadOnlyDictionary<string, string>? attributes, IReadOnlyList<string> kinds)
    {
        var errors = new Dictionary<string, string>();
        if (kind is null || !kinds.Contains(kind))
        {
            errors["kind"] = $"kind must be one of {string.Join(", ", kinds)}.";
        }

        if (string.IsNullOrWhiteSpace(externalId) || externalId.Trim().Length > 100)
        {
            errors["external_id"] = "external_id is required, at most 100 characters.";
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
        {
            errors["name"] = "name is required, at most 200 characters.";
        }

        if (attributes is not null && (attributes.Count > MaxAttributes || attributes.Any(a => a.Key.Length is 0 or > 64 || a.Value is null || a.Value.Length > 1000)))
        {
            errors["attributes"] = $"attributes holds at most {MaxAttributes} names of 1-64 characters with values of at most 1000.";
        }

        return errors;
    }

    /// <summary>413 for a CSV with more data rows than <c>QrForge:Passes:MaxImportRows</c>; nothing of it is imported.</summary>
    private static ProblemHttpResult TooManyRows(int limit) => TypedResults.Problem(
        title: "The CSV has too many rows.",
        detail: $"At most {limit} data rows per import (QrForge:Passes:MaxImportRows); nothing was imported. Split the file and import each part.",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        type: Problems.TypeBase + "too-many-rows",
        extensions: new Dictionary<string, object?> { ["limit"] = limit });

    internal static SubjectResponse ToResponse(Subject s) => new(
        s.Id, s.Kind, s.ExternalId, s.Name,
        s.Attributes is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(s.Attributes, StoredJson.Options),
        s.CreatedAt, s.UpdatedAt);
}
