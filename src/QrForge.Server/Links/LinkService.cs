using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using QrForge.Server.Api;
using QrForge.Server.Audit;
using QrForge.Server.Operations;
using QrForge.Server.Storage;

namespace QrForge.Server.Links;

/// <summary>The logic of links: validation, slugs, storage, and dropping cached routes on every change.</summary>
public sealed class LinkService(
    QrForgeDbContext db,
    TenantContext tenant,
    HybridCache cache,
    TimeProvider clock,
    IOptions<QrForgeOptions> options,
    IOptions<LinksOptions> linkOptions,
    AuditTrail audit)
{
    private const int SlugAttempts = 5;

    private LinksOptions Settings => linkOptions.Value;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public QrForgeDbContext Db => db;

    /// <summary>Checks a create request; on success returns the new, unsaved link (slug empty when one is to be generated).</summary>
    public Link? Validate(CreateLinkRequest? request, Dictionary<string, string[]> errors)
    {
        if (request is null)
        {
            errors["body"] = ["A link object is required."];
            return null;
        }

        var destination = CheckUrl(request.Destination, "destination", errors);
        string? slug = null;
        if (request.Slug is not null && Slugs.Check(request.Slug) is { } slugError)
        {
            errors["slug"] = [slugError];
        }
        else
        {
            slug = request.Slug;
        }

        var title = CheckTitle(request.Title, errors);
        var tags = CheckTags(request.Tags, errors);
        var validFrom = request.ValidFrom?.UtcDateTime;
        var expiresAt = request.ExpiresAt?.UtcDateTime;
        CheckWindow(validFrom, expiresAt, request.ExpiresAt is not null, errors);
        if (request.MaxScans is { } max && max < 1)
        {
            errors["max_scans"] = ["max_scans must be at least 1."];
        }

        var expiredUrl = string.IsNullOrEmpty(request.ExpiredUrl) ? null : CheckUrl(request.ExpiredUrl, "expired_url", errors);
        var status = CheckRedirectStatus(request.RedirectStatus ?? 302, errors);
        request.Style?.Validate("style.", options.Value.Codes.MaxImagePixels, errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var now = Now;
        return new Link
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            TenantId = tenant.TenantId,
            Slug = slug ?? "",
            Destination = destination!,
            Title = title,
            Tags = tags ?? [],
            ValidFrom = validFrom,
            ExpiresAt = expiresAt,
            MaxScans = request.MaxScans,
            ExpiredUrl = expiredUrl,
            RedirectStatus = status,
            Style = request.Style is null ? null : JsonSerializer.Serialize(request.Style, StoredJson.Options),
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Saves a validated link; false when its custom slug is taken (a generated slug is retried).</summary>
    public async Task<bool> CreateAsync(Link link, CancellationToken ct)
    {
        var custom = link.Slug.Length > 0;
        for (var attempt = 0; attempt < SlugAttempts; attempt++)
        {
            if (!custom)
            {
                link.Slug = Slugs.Generate(Settings.SlugLength);
            }

            if (await SlugTakenAsync(link.Slug, ct))
            {
                if (custom)
                {
                    return false;
                }

                continue;
            }

            db.Links.Add(link);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Lost a race for the slug (the unique index decides).
                db.Entry(link).State = EntityState.Detached;
                if (custom)
                {
                    return false;
                }

                continue;
            }

            // A lookup of this slug before it existed may be cached as unknown.
            await cache.RemoveAsync(LinkRoute.Key(link.Slug), ct);
            await audit.RecordAsync("link.create", "link", link.Id.ToString(), $"slug {link.Slug}", ct);
            return true;
        }

        throw new InvalidOperationException($"No free slug after {SlugAttempts} attempts; raise QrForge:Links:SlugLength.");
    }

    /// <summary>Creates up to 1,000 links; one result per row, in order.</summary>
    public async Task<BulkCreateLinksResponse> CreateManyAsync(List<CreateLinkRequest?> requests, Func<Link, string> shortUrl, CancellationToken ct)
    {
        var results = new BulkLinkResult[requests.Count];
        var valid = new List<(int Index, Link Link)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            var errors = new Dictionary<string, string[]>();
            var link = Validate(requests[i], errors);
            if (link is null)
            {
                results[i] = new(i, StatusCodes.Status400BadRequest, null, null, null, errors);
            }
            else if (link.Slug.Length > 0 && !seen.Add(link.Slug))
            {
                results[i] = new(i, StatusCodes.Status409Conflict, null, link.Slug, null, new() { ["slug"] = ["The slug appears twice in this request."] });
            }
            else
            {
                valid.Add((i, link));
            }
        }

        var customSlugs = valid.Where(v => v.Link.Slug.Length > 0).Select(v => v.Link.Slug).ToList();
        var taken = customSlugs.Count == 0
            ? []
            : (await db.Links.IgnoreQueryFilters().Where(l => customSlugs.Contains(l.Slug)).Select(l => l.Slug).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var toInsert = new List<(int Index, Link Link)>();
        foreach (var (index, link) in valid)
        {
            if (taken.Contains(link.Slug))
            {
                results[index] = new(index, StatusCodes.Status409Conflict, null, link.Slug, null, new() { ["slug"] = ["The slug is taken."] });
                continue;
            }

            if (link.Slug.Length == 0)
            {
                link.Slug = Slugs.Generate(Settings.SlugLength);
            }

            toInsert.Add((index, link));
        }

        var inserted = await InsertAllAsync(toInsert, ct);
        foreach (var (index, link) in toInsert)
        {
            results[index] = inserted.Contains(index)
                ? new(index, StatusCodes.Status201Created, link.Id, link.Slug, shortUrl(link), null)
                : new(index, StatusCodes.Status409Conflict, null, link.Slug, null, new() { ["slug"] = ["The slug is taken."] });
        }

        foreach (var (_, link) in toInsert)
        {
            await cache.RemoveAsync(LinkRoute.Key(link.Slug), ct);
        }

        if (inserted.Count > 0)
        {
            await audit.RecordAsync("link.bulk_create", "link", null, $"{inserted.Count} links", ct);
        }

        return new(inserted.Count, requests.Count - inserted.Count, results);
    }

    // One transaction for the batch; when a slug was taken meanwhile, the rows are saved one by one instead.
    private async Task<HashSet<int>> InsertAllAsync(List<(int Index, Link Link)> rows, CancellationToken ct)
    {
        db.Links.AddRange(rows.Select(r => r.Link));
        try
        {
            await db.SaveChangesAsync(ct);
            return [.. rows.Select(r => r.Index)];
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }

        var done = new HashSet<int>();
        foreach (var (index, link) in rows)
        {
            db.Links.Add(link);
            try
            {
                await db.SaveChangesAsync(ct);
                done.Add(index);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }

        return done;
    }

    public Task<Link?> FindAsync(Guid id, CancellationToken ct) => db.Links.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);

    public async Task<(Link? Link, bool Found)> UpdateAsync(Guid id, UpdateLinkRequest request, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var link = await db.Links.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (link is null)
        {
            return (null, false);
        }

        if (request.Destination is not null)
        {
            link.Destination = CheckUrl(request.Destination, "destination", errors) ?? link.Destination;
        }
        else if (CheckUrl(link.Destination, "destination", new()) is null)
        {
            // The lists may have changed since the link was made: every edit checks the destination again.
            errors["destination"] = ["The stored destination is no longer allowed on this server; give a new one."];
        }

        if (request.Title is not null)
        {
            link.Title = CheckTitle(request.Title, errors);
        }

        if (request.Tags is not null)
        {
            link.Tags = CheckTags(request.Tags, errors) ?? [];
        }

        if (request.ValidFrom is not null)
        {
            link.ValidFrom = request.ValidFrom.Value.UtcDateTime;
        }

        if (request.NeverExpires == true)
        {
            if (request.ExpiresAt is not null)
            {
                errors["never_expires"] = ["never_expires cannot be combined with expires_at."];
            }

            link.ExpiresAt = null;
        }
        else if (request.ExpiresAt is not null)
        {
            link.ExpiresAt = request.ExpiresAt.Value.UtcDateTime;
        }

        CheckWindow(link.ValidFrom, link.ExpiresAt, request.ExpiresAt is not null, errors);
        if (request.MaxScans is { } max)
        {
            if (max < 0)
            {
                errors["max_scans"] = ["max_scans must be at least 1 (or 0 to remove the cap)."];
            }

            link.MaxScans = max == 0 ? null : max;
        }

        if (request.ExpiredUrl is not null)
        {
            link.ExpiredUrl = request.ExpiredUrl.Length == 0 ? null : CheckUrl(request.ExpiredUrl, "expired_url", errors);
        }

        if (request.RedirectStatus is { } status)
        {
            link.RedirectStatus = CheckRedirectStatus(status, errors);
        }

        switch (request.Status)
        {
            case null:
                break;
            case "active":
                link.Disabled = false;
                break;
            case "disabled":
                link.Disabled = true;
                break;
            default:
                errors["status"] = ["status must be active or disabled."];
                break;
        }

        if (request.Style is not null)
        {
            request.Style.Validate("style.", options.Value.Codes.MaxImagePixels, errors);
            link.Style = JsonSerializer.Serialize(request.Style, StoredJson.Options);
        }

        if (errors.Count > 0)
        {
            return (null, true);
        }

        link.UpdatedAt = Now;
        link.Revision++;
        await db.SaveChangesAsync(ct);
        await cache.RemoveAsync(LinkRoute.Key(link.Slug), ct);
        await audit.RecordAsync("link.update", "link", id.ToString(), Summary(request), ct);
        return (link, true);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        var slug = await db.Links.Where(l => l.Id == id).Select(l => l.Slug).FirstOrDefaultAsync(ct);
        if (slug is null)
        {
            return false;
        }

        await db.Links.Where(l => l.Id == id).ExecuteDeleteAsync(ct);
        await db.Scans.Where(s => s.LinkId == id).ExecuteDeleteAsync(ct);
        await db.ScanRollups.Where(r => r.LinkId == id).ExecuteDeleteAsync(ct);
        await db.VisitorRollups.Where(r => r.LinkId == id).ExecuteDeleteAsync(ct);
        await db.VisitorLastSeen.Where(r => r.LinkId == id).ExecuteDeleteAsync(ct);
        await cache.RemoveAsync(LinkRoute.Key(slug), ct);
        await audit.RecordAsync("link.delete", "link", id.ToString(), $"slug {slug}", ct);
        return true;
    }

    /// <summary>One page of links, newest first.</summary>
    public async Task<(List<Link> Items, string? Next)> ListAsync(Guid? cursor, int limit, string? tag, string? status, string? search, CancellationToken ct)
    {
        var query = db.Links.AsNoTracking();

        if (!string.IsNullOrEmpty(tag))
        {
            query = query.Where(l => l.Tags.Contains(tag));
        }

        if (status == "active")
        {
            query = query.Where(l => !l.Disabled);
        }
        else if (status == "disabled")
        {
            query = query.Where(l => l.Disabled);
        }

        if (!string.IsNullOrEmpty(search))
        {
            query = query.Where(l => l.Slug == search || (l.Title != null && l.Title.Contains(search)) || l.Destination.Contains(search));
        }

        return await query.ToKeysetPageAsync(cursor, limit, ct);
    }

    /// <summary>Recorded scans per link, for the given links (one grouped query).</summary>
    public async Task<Dictionary<Guid, long>> ScanCountsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var list = ids.ToList();
        return await db.Scans.Where(s => list.Contains(s.LinkId)).GroupBy(s => s.LinkId)
            .Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }

    private Task<bool> SlugTakenAsync(string slug, CancellationToken ct) => db.Links.IgnoreQueryFilters().AnyAsync(l => l.Slug == slug, ct);

    private string? CheckUrl(string? url, string field, Dictionary<string, string[]> errors)
    {
        var normalised = Destinations.Normalise(url, Settings, out var error);
        if (normalised is null)
        {
            errors[field] = [$"{field} {error}"];
        }

        return normalised;
    }

    private void CheckWindow(DateTime? validFrom, DateTime? expiresAt, bool expiryGiven, Dictionary<string, string[]> errors)
    {
        if (expiresAt is { } e && validFrom is { } f && e <= f)
        {
            errors["expires_at"] = ["expires_at must be after valid_from."];
        }
        else if (expiryGiven && expiresAt is { } at && at <= Now)
        {
            errors["expires_at"] = ["expires_at must be in the future."];
        }
    }

    private static int CheckRedirectStatus(int status, Dictionary<string, string[]> errors)
    {
        if (status is not (301 or 302 or 307))
        {
            errors["redirect_status"] = ["redirect_status must be 301, 302 or 307."];
        }

        return status;
    }

    private static string? CheckTitle(string? title, Dictionary<string, string[]> errors)
    {
        if (title is { Length: > 200 })
        {
            errors["title"] = ["title must be at most 200 characters."];
        }

        return string.IsNullOrWhiteSpace(title) ? null : title;
    }

    // The same rules as a code's tags.
    private static List<string>? CheckTags(List<string>? tags, Dictionary<string, string[]> errors) => Codes.CodeService.ValidateTags(tags, errors);

    private static string Summary(UpdateLinkRequest r)
    {
        string?[] changed =
        [
            r.Destination is null ? null : "destination",
            r.Status is null ? null : "status " + r.Status,
            r.ExpiresAt is null && r.NeverExpires != true ? null : "expiry",
            r.MaxScans is null ? null : "max_scans",
            r.Title is null ? null : "title",
            r.Tags is null ? null : "tags",
            r.ExpiredUrl is null ? null : "expired_url",
            r.RedirectStatus is null ? null : "redirect_status",
            r.Style is null ? null : "style",
        ];
        return "changed " + string.Join(", ", changed.Where(c => c is not null));
    }
}
