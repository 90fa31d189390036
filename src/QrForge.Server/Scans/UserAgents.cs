namespace QrForge.Server.Scans;

/// <summary>
/// A small, table-driven user-agent classifier (no parsing library is available to depend on): the first
/// matching row of each table wins, so more specific tokens come first (Edge and Opera before Chrome, Chrome
/// before Safari, iPad before iPhone). Matching is ordinal and ignores case. Good for the charts, not for
/// fingerprinting: unknown agents land in <c>other</c>.
/// </summary>
public static class UserAgents
{
    // Tokens that mark automated clients: crawlers, link previewers, HTTP libraries, headless browsers.
    private static readonly string[] BotTokens =
    [
        "bot", "crawl", "spider", "slurp", "facebookexternalhit", "facebookcatalog", "embedly", "quora link preview",
        "whatsapp", "telegrambot", "discordbot", "skypeuripreview", "vkshare", "pinterest", "bitlybot", "preview",
        "headlesschrome", "phantomjs", "lighthouse", "curl/", "wget/", "python-requests", "python-urllib", "aiohttp",
        "go-http-client", "java/", "okhttp", "apache-httpclient", "libwww-perl", "httpclient", "node-fetch", "axios/",
        "postmanruntime", "insomnia", "scrapy", "monitor", "uptime", "pingdom", "validator", "feedfetcher",
    ];

    private static readonly (string Token, string Os)[] OsTable =
    [
        ("iphone", "iOS"), ("ipad", "iOS"), ("ipod", "iOS"), ("cros", "ChromeOS"), ("android", "Android"),
        ("windows phone", "Windows Phone"), ("windows", "Windows"), ("mac os x", "macOS"), ("macintosh", "macOS"),
        ("linux", "Linux"), ("freebsd", "FreeBSD"),
    ];

    private static readonly (string Token, string Browser)[] BrowserTable =
    [
        ("edg/", "Edge"), ("edge/", "Edge"), ("edga/", "Edge"), ("edgios/", "Edge"), ("opr/", "Opera"), ("opera", "Opera"),
        ("samsungbrowser", "Samsung Internet"), ("yabrowser", "Yandex"), ("ucbrowser", "UC Browser"), ("vivaldi", "Vivaldi"),
        ("fxios", "Firefox"), ("firefox/", "Firefox"), ("crios", "Chrome"), ("chromium", "Chromium"), ("chrome/", "Chrome"),
        ("safari/", "Safari"), ("msie", "Internet Explorer"), ("trident/", "Internet Explorer"),
    ];

    /// <summary>Classifies <paramref name="userAgent"/>; a missing or empty user agent counts as a bot (browsers always send one).</summary>
    public static UserAgentInfo Classify(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            // Browsers always send a user agent; an empty one is a script.
            return new("bot", "other", "other", true);
        }

        var ua = userAgent.AsSpan();
        var isBot = Any(ua, BotTokens);
        var os = First(ua, OsTable) ?? "other";
        var browser = isBot ? "bot" : First(ua, BrowserTable) ?? "other";
        string device;
        if (isBot)
        {
            device = "bot";
        }
        else if (Has(ua, "ipad") || Has(ua, "tablet") || (Has(ua, "android") && !Has(ua, "mobile")))
        {
            device = "tablet";
        }
        else if (Has(ua, "mobi") || Has(ua, "iphone") || Has(ua, "ipod") || Has(ua, "windows phone"))
        {
            device = "mobile";
        }
        else if (os is "Windows" or "macOS" or "Linux" or "ChromeOS" or "FreeBSD")
        {
            device = "desktop";
        }
        else
        {
            device = "other";
        }

        return new(device, os, browser, isBot);
    }

    private static bool Has(ReadOnlySpan<char> ua, string token) => ua.Contains(token, StringComparison.OrdinalIgnoreCase);

    private static bool Any(ReadOnlySpan<char> ua, string[] tokens)
    {
        foreach (var token in tokens)
        {
            if (Has(ua, token))
            {
                return true;
            }
        }

        return false;
    }

    private static string? First(ReadOnlySpan<char> ua, (string Token, string Value)[] table)
    {
        foreach (var (token, value) in table)
        {
            if (Has(ua, token))
            {
                return value;
            }
        }

        return null;
    }
}
