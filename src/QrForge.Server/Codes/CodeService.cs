using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using QrForge.Encoding;
using QrForge.Server.Api;
using QrForge.Server.Caching;
using QrForge.Server.Images;
using QrForge.Server.Operations;
using QrForge.Server.Storage;

namespace QrForge.Server.Codes;

/// <summary>The logic of stored codes: validation, storage, cached reads and cached images.</summary>
public sealed class CodeService(
    IServiceProvider services,
    TenantContext tenant,
    HybridCache cache,
    TimeProvider clock,
    IOptions<QrForgeOptions> options,
    QrForgeMetrics metrics,
    CodeWriter writer)
{
    private static readonly HybridCacheEntryOptions MetadataEntry = new() { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromSeconds(5) };
    private static readonly HybridCacheEntryOptions ImageEntry = new() { Expiration = TimeSpan.FromHours(1), LocalCacheExpiration = TimeSpan.FromMinutes(5) };

    private QrForgeDbContext? _db;

    private CodesOptions Settings => options.Value.Codes;

    // Resolved on first use: requests answered from the cache never create a DbContext.
    private QrForgeDbContext Db => _db ??= services.GetRequiredService<QrForgeDbContext>();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Checks a create request; on success returns the new, unsaved code.</summary>
    public Code? Validate(CreateCodeRequest request, Dictionary<string, string[]> errors)
    {
        var (data, isBinary) = ValidateData(request.Data, request.DataBase64, Settings.MaxDataLength, errors);
        var ecc = ParseEcc(request.Ecc, "ecc", errors) ?? Ecc.M;
        var expiresAt = ValidateExpiry(request.ExpirationHours, request.ExpiresAt, errors);
        var label = ValidateLabel(request.Label, errors);
        var tags = ValidateTags(request.Tags, errors);
        request.Style?.Validate("style.", Settings.MaxImagePixels, errors);
        if (errors.Count > 0 || data is null)
        {
            return null;
        }

        var symbol = TryEncode(data, isBinary, ecc, errors);
        if (symbol is null)
        {
            return null;
        }

        if (request.Style is { } style && !style.FitsWithin(symbol.Size, false, Settings.MaxImagePixels))
        {
            errors["style.scale"] = [$"The image would exceed {Settings.MaxImagePixels} pixels per side; lower scale or border, or give size."];
            return null;
        }

        var now = Now;
        return new Code
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            TenantId = tenant.TenantId,
            Data = data,
            IsBinary = isBinary,
            Label = label,
            Tags = tags ?? [],
            Ecc = ecc,
            Version = symbol.Version,
            Style = request.Style is null ? null : JsonSerializer.Serialize(request.Style, StoredJson.Options),
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = expiresAt,
            IsPublic = request.Public ?? true,
        };
    }

    public async Task<CodeSnapshot> CreateAsync(Code code, CancellationToken ct)
    {
        await writer.InsertAsync(code, ct);
        metrics.CodeCreated();
        return CodeSnapshot.From(code);
    }

    /// <summary>
    /// The code, from the cache when possible; null when unknown or another tenant's. With
    /// <paramref name="anyTenant"/> (public image requests) the code is looked up in every tenant.
    /// </summary>
    public async Task<CodeSnapshot?> FindAsync(Guid id, CancellationToken ct, bool anyTenant = false)
    {
        var probe = CacheProbe.Start();
        var key = anyTenant ? $"code:any:{id:N}" : MetadataKey(id);
        var result = await cache.GetOrCreateAsync(
            key,
            (owner: this, id, probe, anyTenant),
            static async (state, token) =>
            {
                state.probe.MarkMade();
                var codes = state.anyTenant ? state.owner.Db.Codes.IgnoreQueryFilters() : state.owner.Db.Codes;
                var code = await codes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == state.id, token);
                return code is null ? null : CodeSnapshot.From(code);
            },
            MetadataEntry,
            [Tag(id)],
            ct);
        metrics.CacheRead("l1", probe.FirstLevelHit);
        if (result is null)
        {
            // Unknown ids are not remembered: a stream of random ids must not grow the cache.
            await cache.RemoveAsync(key, ct);
        }

        return result;
    }

    public async Task<(CodeSnapshot? Code, bool Found)> UpdateAsync(Guid id, UpdateCodeRequest request, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var code = await Db.Codes.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (code is null)
        {
            return (null, false);
        }

        if (request.Label is not null)
        {
            code.Label = ValidateLabel(request.Label, errors);
        }

        if (request.Tags is not null)
        {
            code.Tags = ValidateTags(request.Tags, errors) ?? [];
        }

        if (request.NeverExpires == true)
        {
            if (request.ExpirationHours is not null || request.ExpiresAt is not null)
            {
                errors["never_expires"] = ["never_expires cannot be combined with an expiry."];
            }

            code.ExpiresAt = null;
        }
        else if (request.ExpirationHours is not null || request.ExpiresAt is not null)
        {
            code.ExpiresAt = ValidateExpiry(request.ExpirationHours, request.ExpiresAt, errors);
        }

        if (request.Public is { } isPublic)
        {
            code.IsPublic = isPublic;
        }

        if (request.Style is not null)
        {
            request.Style.Validate("style.", Settings.MaxImagePixels, errors);
            code.Style = JsonSerializer.Serialize(request.Style, StoredJson.Options);
        }

        if (errors.Count > 0)
        {
            return (null, true);
        }

        code.UpdatedAt = Now;
        code.Revision++;
        await Db.SaveChangesAsync(ct);
        await cache.RemoveByTagAsync(Tag(id), ct);
        return (CodeSnapshot.From(code), true);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        var deleted = await Db.Codes.Where(c => c.Id == id).ExecuteDeleteAsync(ct);
        await cache.RemoveByTagAsync(Tag(id), ct);
        return deleted > 0;
    }

    /// <summary>One page of codes, newest first.</summary>
    public async Task<(List<CodeSnapshot> Items, string? Next)> ListAsync(Guid? cursor, int limit, string? tag, string? label, string? status, CancellationToken ct)
    {
        var query = Db.Codes.AsNoTracking();

        if (!string.IsNullOrEmpty(tag))
        {
            query = query.Where(c => c.Tags.Contains(tag));
        }

        if (!string.IsNullOrEmpty(label))
        {
            query = query.Where(c => c.Label == label);
        }

        var now = Now;
        if (status == "active")
        {
            query = query.Where(c => c.ExpiresAt == null || c.ExpiresAt > now);
        }
        else if (status == "expired")
        {
            query = query.Where(c => c.ExpiresAt != null && c.ExpiresAt <= now);
        }

        var (rows, next) = await query.ToKeysetPageAsync(cursor, limit, ct);
        return ([.. rows.Select(CodeSnapshot.From)], next);
    }

    /// <summary>
    /// The rendered image, cached per revision and format when <paramref name="cacheable"/> (the code's own
    /// style). Images with per-request overrides are rendered each time, so no caller can fill the cache with
    /// variants of one code.
    /// </summary>
    public async Task<CachedImage> ImageAsync(CodeSnapshot code, string format, ImageStyle style, bool cacheable, CancellationToken ct)
    {
        if (!cacheable)
        {
            metrics.ImageRendered(format);
            return CachedImage.Of(ImageFormat.Render(code.Encode(), format, style.ToRenderOptions()));
        }

        // Only the code's own style is cached, so revision and format identify the image.
        var key = $"img:{code.TenantId:N}:{code.Id:N}:{code.Revision}:{format}";
        var probe = CacheProbe.Start();
        var image = await cache.GetOrCreateAsync(
            key,
            (code, format, style, metrics, probe),
            static (state, _) =>
            {
                state.probe.MarkMade();
                var bytes = ImageFormat.Render(state.code.Encode(), state.format, state.style.ToRenderOptions());
                state.metrics.ImageRendered(state.format);
                return ValueTask.FromResult(CachedImage.Of(bytes));
            },
            ImageEntry,
            [Tag(code.Id)],
            ct);
        metrics.CacheRead("l1", probe.FirstLevelHit);
        return image;
    }

    public DateTime UtcNow => Now;

    private string MetadataKey(Guid id) => $"code:{tenant.TenantId:N}:{id:N}";

    private static string Tag(Guid id) => $"code:{id:N}";

    internal static (string? Data, bool IsBinary) ValidateData(string? data, string? dataBase64, int maxLength, Dictionary<string, string[]> errors)
    {
        if ((data is null) == (dataBase64 is null))
        {
            errors["data"] = ["Give exactly one of data and data_base64."];
            return (null, false);
        }

        if (data is not null)
        {
            if (data.Length == 0)
            {
                errors["data"] = ["data must not be empty."];
            }
            else if (data.Length > maxLength)
            {
                errors["data"] = [$"data must be at most {maxLength} characters."];
            }

            return (data, false);
        }

        var buffer = new byte[(dataBase64!.Length * 3 + 3) / 4];
        if (!Convert.TryFromBase64String(dataBase64, buffer, out var written) || written == 0)
        {
            errors["data_base64"] = ["data_base64 must be non-empty base64."];
        }
        else if (written > maxLength)
        {
            errors["data_base64"] = [$"data_base64 must decode to at most {maxLength} bytes."];
        }

        return (dataBase64, true);
    }

    internal static Ecc? ParseEcc(string? ecc, string field, Dictionary<string, string[]> errors)
    {
        if (ecc is null)
        {
            return null;
        }

        if (ecc.Length == 1 && "LMQH".Contains(char.ToUpperInvariant(ecc[0]), StringComparison.Ordinal))
        {
            return Enum.Parse<Ecc>(ecc.ToUpperInvariant());
        }

        errors[field] = ["ecc must be L, M, Q or H."];
        return null;
    }

    private DateTime? ValidateExpiry(double? hours, DateTimeOffset? at, Dictionary<string, string[]> errors)
    {
        if (hours is not null && at is not null)
        {
            errors["expiration_hours"] = ["Give expiration_hours or expires_at, not both."];
            return null;
        }

        var now = Now;
        var max = Settings.MaxExpirationHours;
        if (hours is { } h)
        {
            if (!double.IsFinite(h) || h <= 0 || h > max)
            {
                errors["expiration_hours"] = [$"expiration_hours must be more than 0 and at most {max}."];
                return null;
            }

            return now.AddHours(h);
        }

        if (at is { } when)
        {
            var utc = when.UtcDateTime;
            if (utc <= now || (utc - now).TotalHours > max)
            {
                errors["expires_at"] = [$"expires_at must be in the future and at most {max} hours away."];
                return null;
            }

            return utc;
        }

        return null;
    }

    private static string? ValidateLabel(string? label, Dictionary<string, string[]> errors)
    {
        if (label is { Length: > 200 })
        {
            errors["label"] = ["label must be at most 200 characters."];
        }

        return string.IsNullOrWhiteSpace(label) ? null : label;
    }

    internal static List<string>? ValidateTags(List<string>? tags, Dictionary<string, string[]> errors)
    {
        if (tags is null)
        {
            return null;
        }

        if (tags.Count > 20 || tags.Exists(t => string.IsNullOrWhiteSpace(t) || t.Length > 50))
        {
            errors["tags"] = ["tags holds at most 20 non-empty tags of at most 50 characters."];
            return null;
        }

        return [.. tags.Distinct(StringComparer.Ordinal)];
    }

    internal static QrCode? TryEncode(string data, bool isBinary, Ecc ecc, Dictionary<string, string[]> errors)
    {
        var options = new QrEncodeOptions { Ecc = ecc };
        var ok = isBinary
            ? QrCode.TryEncodeBinary(Convert.FromBase64String(data), options, out var symbol)
            : QrCode.TryEncodeText(data, options, out symbol);
        if (!ok)
        {
            errors[isBinary ? "data_base64" : "data"] = [$"The data does not fit in a QR code at error correction level {ecc} (version 40 is the largest)."];
        }

        return symbol;
    }
}
