using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using MaxMind.GeoIP2;
using Microsoft.Extensions.Options;
using QrForge.Server.Links;

namespace QrForge.Server.Scans;

/// <summary>
/// Turns a captured <see cref="ScanEvent"/> into a stored <see cref="Scan"/>: device, OS, browser and bot flag
/// from the user agent, the referrer's host, the country (header or GeoIP file), the visitor hash and, only
/// when configured, the truncated IP. Runs on the writer's thread, never on the request; not thread-safe (one writer).
/// </summary>
public sealed class ScanEnricher : IDisposable
{
    private readonly LinksOptions _options;
    private readonly byte[] _secret;
    private readonly DatabaseReader? _geo;
    private readonly Dictionary<string, UserAgentInfo> _agents = new(StringComparer.Ordinal);
    private DateOnly _saltDay;
    private IncrementalHash? _hmac; // keyed with the current day's salt; reused (keying an HMAC per scan is slow)

    public ScanEnricher(IOptions<LinksOptions> options, ILogger<ScanEnricher> logger)
    {
        _options = options.Value;
        _secret = string.IsNullOrEmpty(_options.VisitorHashSecret)
            ? RandomNumberGenerator.GetBytes(32)
            : System.Text.Encoding.UTF8.GetBytes(_options.VisitorHashSecret);
        if (!string.IsNullOrEmpty(_options.GeoIpDatabasePath))
        {
            // Memory-mapped; a missing or broken file stops the service at start rather than silently losing countries.
            _geo = new DatabaseReader(_options.GeoIpDatabasePath);
            LinkLog.GeoIpLoaded(logger, _options.GeoIpDatabasePath, _geo.Metadata.DatabaseType);
        }
    }

    public Scan Enrich(in ScanEvent e)
    {
        var ua = Classify(e.UserAgent);
        return new Scan
        {
            Id = Guid.CreateVersion7(e.At),
            TenantId = e.TenantId,
            LinkId = e.LinkId,
            OccurredAt = e.At.UtcDateTime,
            Source = e.FromQr ? "qr" : "click",
            Device = ua.Device,
            Os = ua.Os,
            Browser = ua.Browser,
            IsBot = ua.IsBot,
            ReferrerHost = ReferrerHost(e.Referrer),
            Country = NormaliseCountry(e.Country) ?? Lookup(e.Ip),
            VisitorHash = VisitorHash(e.At, e.Ip, e.UserAgent),
            Ip = _options.StoreTruncatedIp && e.Ip is not null ? Truncate(e.Ip).ToString() : null,
        };
    }

    // Few distinct user agents make up most traffic: remember the last few thousand classifications.
    private UserAgentInfo Classify(string? userAgent)
    {
        var key = userAgent ?? "";
        if (_agents.TryGetValue(key, out var info))
        {
            return info;
        }

        if (_agents.Count >= 4096)
        {
            _agents.Clear();
        }

        return _agents[key] = UserAgents.Classify(userAgent);
    }

    /// <summary>
    /// HMAC-SHA256 over IP and user agent keyed by the salt of the scan's UTC day (itself an HMAC of the day under
    /// the configured secret): the same visitor gives the same hash within a day and an unrelated one the next,
    /// and without the secret the hash cannot be reversed by trying all IPv4 addresses.
    /// </summary>
    public string VisitorHash(DateTimeOffset at, IPAddress? ip, string? userAgent)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        if (day != _saltDay || _hmac is null)
        {
            var salt = HMACSHA256.HashData(_secret, System.Text.Encoding.UTF8.GetBytes(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            _hmac?.Dispose();
            _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, salt);
            _saltDay = day;
        }

        var text = (ip?.ToString() ?? "") + "\n" + (userAgent ?? "");
        _hmac.AppendData(System.Text.Encoding.UTF8.GetBytes(text));
        Span<byte> hash = stackalloc byte[32];
        _hmac.GetHashAndReset(hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>IPv4 to its /24, IPv6 to its /48 (IPv4-mapped IPv6 as IPv4).</summary>
    public static IPAddress Truncate(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        var bytes = ip.GetAddressBytes();
        var keep = ip.AddressFamily == AddressFamily.InterNetwork ? 3 : 6;
        Array.Clear(bytes, keep, bytes.Length - keep);
        return new IPAddress(bytes);
    }

    internal static string? ReferrerHost(string? referrer)
    {
        if (string.IsNullOrEmpty(referrer) || !Uri.TryCreate(referrer, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return null;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        return host.Length > 255 ? host[..255] : host;
    }

    internal static string? NormaliseCountry(string? country) =>
        country is { Length: 2 } c && char.IsAsciiLetter(c[0]) && char.IsAsciiLetter(c[1]) && !c.Equals("XX", StringComparison.OrdinalIgnoreCase)
            ? c.ToUpperInvariant()
            : null;

    private string? Lookup(IPAddress? ip)
    {
        if (_geo is null || ip is null)
        {
            return null;
        }

        try
        {
            var type = _geo.Metadata.DatabaseType;
            if (type.Contains("City", StringComparison.OrdinalIgnoreCase))
            {
                return _geo.TryCity(ip, out var city) ? NormaliseCountry(city?.Country.IsoCode) : null;
            }

            return _geo.TryCountry(ip, out var country) ? NormaliseCountry(country?.Country.IsoCode) : null;
        }
        catch (Exception e) when (e is InvalidOperationException or MaxMind.Db.InvalidDatabaseException or ArgumentException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _geo?.Dispose();
        _hmac?.Dispose();
    }
}
