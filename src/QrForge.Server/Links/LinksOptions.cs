using System.ComponentModel.DataAnnotations;

namespace QrForge.Server.Links;

/// <summary>The <c>QrForge:Links</c> section: short links, the public redirect and scan recording.</summary>
public sealed class LinksOptions
{
    /// <summary>The configuration section this feature binds.</summary>
    public const string Section = "QrForge:Links";

    /// <summary>Length of generated slugs. Default 7 (56^7 ≈ 1.7 × 10^12 slugs).</summary>
    [Range(7, 32)]
    public int SlugLength { get; set; } = 7;

    /// <summary>Longest destination (and <c>expired_url</c>) in characters. Default 2048.</summary>
    [Range(32, 8192)]
    public int MaxDestinationLength { get; set; } = 2048;

    /// <summary>When not empty, destinations must be on one of these domains (or their subdomains).</summary>
    public List<string> AllowedDomains { get; set; } = [];

    /// <summary>Destinations on these domains (or their subdomains) are refused.</summary>
    public List<string> BlockedDomains { get; set; } = [];

    /// <summary>
    /// Longest time, in seconds, any node may serve a link's old destination or status after an edit, disable
    /// or delete: the in-process cache entry lives this long; the shared (Redis) entry is removed on the change.
    /// Default 5.
    /// </summary>
    [Range(0.1, 3600)]
    public double StalenessSeconds { get; set; } = 5;

    /// <summary><c>Referrer-Policy</c> sent with redirects. Default <c>no-referrer</c>.</summary>
    public string ReferrerPolicy { get; set; } = "no-referrer";

    /// <summary>Scans held in memory waiting to be written; when full, new scans are dropped and counted. Default 100,000.</summary>
    [Range(1, 10_000_000)]
    public int ScanQueueCapacity { get; set; } = 100_000;

    /// <summary>Most scans written in one statement (one COPY on PostgreSQL). Default 1000.</summary>
    [Range(1, 100_000)]
    public int ScanBatchSize { get; set; } = 1000;

    /// <summary>Longest time a scan waits in the queue before its batch is written, in milliseconds. Default 500.</summary>
    [Range(0, 60_000)]
    public int ScanFlushMilliseconds { get; set; } = 500;

    /// <summary>Request header that carries the visitor's country (ISO 3166 alpha-2), e.g. <c>CF-IPCountry</c>; empty for none.</summary>
    public string? CountryHeader { get; set; }

    /// <summary>Path of a MaxMind GeoLite2/GeoIP2 Country (or City) <c>.mmdb</c> file; used when no country header is configured or present.</summary>
    public string? GeoIpDatabasePath { get; set; }

    /// <summary>
    /// Secret from which the daily visitor-hash salt is derived. Give every node the same value so unique
    /// visitors are counted across nodes; empty means a random secret per process.
    /// </summary>
    public string? VisitorHashSecret { get; set; }

    /// <summary>Store the visitor's IP address, truncated (IPv4 to /24, IPv6 to /48). Default off.</summary>
    public bool StoreTruncatedIp { get; set; }
}
