using System.Net;
using QrForge.Server.Api;
using QrForge.Server.Links;
using QrForge.Server.Scans;

namespace QrForge.Server.Tests.Links;

public sealed class UserAgentsTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", "mobile", "iOS", "Safari", false)]
    [InlineData("Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0 Mobile/15E148 Safari/604.1", "tablet", "iOS", "Chrome", false)]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36", "mobile", "Android", "Chrome", false)]
    [InlineData("Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36", "tablet", "Android", "Chrome", false)]
    [InlineData("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0 Mobile Safari/537.36", "mobile", "Android", "Samsung Internet", false)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0", "desktop", "Windows", "Edge", false)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 OPR/109.0", "desktop", "Windows", "Opera", false)]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0", "desktop", "macOS", "Firefox", false)]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", "desktop", "macOS", "Safari", false)]
    [InlineData("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36", "desktop", "ChromeOS", "Chrome", false)]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0", "desktop", "Linux", "Firefox", false)]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "bot", "other", "bot", true)]
    [InlineData("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "bot", "other", "bot", true)]
    [InlineData("WhatsApp/2.23.20.0", "bot", "other", "bot", true)]
    [InlineData("curl/8.5.0", "bot", "other", "bot", true)]
    [InlineData("python-requests/2.31.0", "bot", "other", "bot", true)]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0 Safari/537.36", "bot", "Linux", "bot", true)]
    [InlineData("", "bot", "other", "other", true)]
    [InlineData("SomethingUnknown/1.0", "other", "other", "other", false)]
    public void Classify_KnownAgents_GiveDeviceOsBrowserAndBot(string ua, string device, string os, string browser, bool bot)
    {
        Assert.Equal(new UserAgentInfo(device, os, browser, bot), UserAgents.Classify(ua));
    }
}

public sealed class DestinationsTests
{
    private static readonly LinksOptions Options = new() { AllowedDomains = ["example.com", "münchen.example"] };

    [Theory]
    [InlineData("https://example.com", "https://example.com/")]
    [InlineData("HTTPS://WWW.Example.COM:443/a?b=1#c", "https://www.example.com/a?b=1#c")]
    [InlineData("http://shop.example.com:8080/x", "http://shop.example.com:8080/x")]
    [InlineData("https://MÜNCHEN.example/", "https://xn--mnchen-3ya.example/")]
    public void Normalise_AllowedUrls_GiveCanonicalForm(string input, string expected)
    {
        Assert.Equal(expected, Destinations.Normalise(input, Options, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("https://example.org/")]
    [InlineData("https://notexample.com/")]
    [InlineData("https://example.com.evil.net/")]
    [InlineData("https://user@example.com/")]
    [InlineData("https://@example.com/")]
    [InlineData("http://[::1]/")]
    [InlineData("javascript://example.com/%0Aalert(1)")]
    public void Normalise_OutsideAllowlistOrUnsafe_IsRefused(string input)
    {
        Assert.Null(Destinations.Normalise(input, Options, out var error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("example.com", "example.com", true)]
    [InlineData("example.com", "a.b.example.com", true)]
    [InlineData("example.com", "badexample.com", false)]
    [InlineData(".Example.com", "x.example.com", true)]
    public void Covers_DomainAndSubdomains(string domain, string host, bool expected) => Assert.Equal(expected, Destinations.Covers(domain, host));
}

public sealed class SlugsTests
{
    [Fact]
    public void Generate_UsesOnlyTheAlphabetWithoutLookAlikes()
    {
        var slugs = Enumerable.Range(0, 2000).Select(_ => Slugs.Generate(9)).ToList();
        Assert.All(slugs, s => Assert.Equal(9, s.Length));
        Assert.All(slugs, s => Assert.True(s.All(c => Slugs.Alphabet.Contains(c, StringComparison.Ordinal))));
        Assert.DoesNotContain(Slugs.Alphabet, c => "0Oo1lI".Contains(c, StringComparison.Ordinal));
        Assert.Equal(2000, slugs.Distinct().Count());
    }

    [Theory]
    [InlineData("spring-2027", true)]
    [InlineData("A_b", true)]
    [InlineData("metrics", false)]
    [InlineData("OPENAPI", false)]
    [InlineData("r", false)]
    [InlineData("a/b", false)]
    [InlineData("x_", false)]
    public void Check_CustomSlugs(string slug, bool ok) => Assert.Equal(ok, Slugs.Check(slug) is null);
}

public sealed class ScanEnrichmentTests
{
    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0")]
    [InlineData("2001:db8:1234:5678::1", "2001:db8:1234::")]
    [InlineData("::ffff:198.51.100.9", "198.51.100.0")]
    public void Truncate_KeepsOnlyTheNetwork(string ip, string expected) =>
        Assert.Equal(expected, ScanEnricher.Truncate(IPAddress.Parse(ip)).ToString());

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+x", "'+x")]
    [InlineData("-x", "'-x")]
    [InlineData("@x", "'@x")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("plain", "plain")]
    public void CsvCell_EscapesFormulasAndSeparators(string value, string expected) => Assert.Equal(expected, Cell(value));

    private static string Cell(string value)
    {
        var line = new System.Text.StringBuilder();
        Csv.AppendCell(line, value);
        return line.ToString();
    }
}
