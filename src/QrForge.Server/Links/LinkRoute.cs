using System.ComponentModel;

namespace QrForge.Server.Links;

/// <summary>
/// What the redirect needs to know about a slug, cached under <c>link:slug:{slug}</c> (slugs are global, the
/// tenant travels inside). <see cref="LoadedAt"/> is when it was read from the database: the redirect never
/// serves a route older than the staleness bound, wherever it came from (in-process cache or Redis). An
/// unknown slug is cached too (<see cref="Exists"/> false), so random slugs cannot flood the database.
/// Immutable, so the in-process cache hands out one instance without copying.
/// </summary>
[ImmutableObject(true)]
public sealed record LinkRoute(
    bool Exists,
    Guid Id,
    Guid TenantId,
    string Destination,
    string? ExpiredUrl,
    int RedirectStatus,
    bool Disabled,
    DateTime? ValidFrom,
    DateTime? ExpiresAt,
    int? MaxScans,
    DateTime LoadedAt)
{
    public static LinkRoute Missing(DateTime loadedAt) => new(false, Guid.Empty, Guid.Empty, "", null, 0, false, null, null, null, loadedAt);

    public static LinkRoute From(Link l, DateTime loadedAt) =>
        new(true, l.Id, l.TenantId, l.Destination, l.ExpiredUrl, l.RedirectStatus, l.Disabled, l.ValidFrom, l.ExpiresAt, l.MaxScans, loadedAt);

    public static string Key(string slug) => "link:slug:" + slug;
}
