using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QrForge.Server.Edge;
using QrForge.Server.Identity;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Edge;

/// <summary>
/// Rate limits end to end: the service on Kestrel, clients connecting from distinct loopback addresses
/// (127.0.0.2, 127.0.0.3, …) so that the client address is the real one of the TCP connection.
/// </summary>
public sealed class RateLimitTests
{
    private const string Url = "/api/v1/render?data=hi&format=svg";

    private static Dictionary<string, string?> Limits(int permits = 3, params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["QrForge:Edge:RateLimits:Enabled"] = "true",
            ["QrForge:Edge:RateLimits:Anonymous:PermitLimit"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["QrForge:Edge:RateLimits:Anonymous:Window"] = "00:01:00",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<List<HttpStatusCode>> SendAsync(HttpClient client, int count, Func<int, string?>? forwardedFor = null, string url = Url)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (forwardedFor?.Invoke(i) is { } value)
            {
                request.Headers.Add("X-Forwarded-For", value);
            }

            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static void AssertAllowedThenRefused(List<HttpStatusCode> statuses, int allowed)
    {
        Assert.All(statuses.Take(allowed), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(statuses.Skip(allowed), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Fact]
    public async Task Anonymous_OverTheLimit_Gets429ProblemWithRetryAfterUntilTheWindowEnds()
    {
        await using var host = await KestrelHost.StartAsync(Limits(permits: 3));
        var client = host.CreateClient("127.0.0.2");
        AssertAllowedThenRefused(await SendAsync(client, 3), 3);

        host.Clock.Advance(TimeSpan.FromSeconds(15));
        using var refused = await client.GetAsync(Url);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(45), refused.Headers.RetryAfter!.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var problem = await Json.ReadAsync(refused);
        Assert.Equal("https://qrforge.dev/problems/rate-limited", (string)problem["type"]!);
        Assert.Equal(429, (int)problem["status"]!);
        Assert.Equal("nosniff", refused.Headers.GetValues("X-Content-Type-Options").Single());

        host.Clock.Advance(TimeSpan.FromSeconds(45));
        AssertAllowedThenRefused(await SendAsync(client, 4), 3);
    }

    [Fact]
    public async Task Anonymous_DistinctAddresses_HaveTheirOwnLimits()
    {
        await using var host = await KestrelHost.StartAsync(Limits(permits: 2));
        AssertAllowedThenRefused(await SendAsync(host.CreateClient("127.0.0.2"), 3), 2);
        AssertAllowedThenRefused(await SendAsync(host.CreateClient("127.0.0.3"), 3), 2);
    }

    [Fact]
    public async Task ForwardedFor_RotatedByAClientThatIsNoProxy_GainsNothing()
    {
        // No proxy configured at all, then a proxy configured that is not this client: both ignore the header.
        await using var none = await KestrelHost.StartAsync(Limits(permits: 3));
        AssertAllowedThenRefused(await SendAsync(none.CreateClient("127.0.0.2"), 10, i => $"198.51.100.{i + 1}"), 3);

        await using var other = await KestrelHost.StartAsync(Limits(permits: 3, ("QrForge:Edge:KnownProxies:0", "127.0.0.9")));
        AssertAllowedThenRefused(await SendAsync(other.CreateClient("127.0.0.2"), 10, i => $"198.51.100.{i + 1}, 127.0.0.9"), 3);
    }

    [Fact]
    public async Task ForwardedFor_FromAKnownProxy_IsTheClient()
    {
        await using var host = await KestrelHost.StartAsync(Limits(permits: 2, ("QrForge:Edge:KnownNetworks:0", "127.0.0.8/29")));
        var proxy = host.CreateClient("127.0.0.9");
        AssertAllowedThenRefused(await SendAsync(proxy, 3, _ => "203.0.113.1"), 2);
        // A client-supplied entry left of the one the proxy added is not believed (one hop, ForwardLimit 1).
        AssertAllowedThenRefused(await SendAsync(proxy, 3, i => $"198.51.100.{i + 1}, 203.0.113.2"), 2);
        // IPv6 clients are grouped by /64: rotating inside it gains nothing, another /64 is another client.
        AssertAllowedThenRefused(await SendAsync(proxy, 3, i => $"2001:db8:1:2::{i + 1:x}"), 2);
        AssertAllowedThenRefused(await SendAsync(proxy, 3, _ => "2001:db8:1:3::1"), 2);
    }

    [Fact]
    public async Task TrackedClients_ManyDistinctAddresses_StayBoundedAndShareOneOverflowPartition()
    {
        await using var host = await KestrelHost.StartAsync(Limits(
            permits: 100,
            ("QrForge:Edge:KnownProxies:0", "127.0.0.9"),
            ("QrForge:Edge:RateLimits:MaxClients", "20"),
            ("QrForge:Edge:RateLimits:OverflowPermitLimit", "5")));
        var proxy = host.CreateClient("127.0.0.9");
        var limiter = host.Services.GetRequiredService<ClientRateLimiter>();

        // 20 addresses fill the table; the next 300 distinct addresses share the overflow partition's 5 requests.
        Assert.All(await SendAsync(proxy, 20, i => $"203.0.113.{i + 1}"), s => Assert.Equal(HttpStatusCode.OK, s));
        var overflow = await SendAsync(proxy, 300, i => $"10.{i / 250}.{i % 250}.1");
        AssertAllowedThenRefused(overflow, 5);
        Assert.Equal(20, limiter.TrackedClients.Anonymous);
        var gauge = (await proxy.GetStringAsync("/metrics")).Split('\n').Single(l => l.StartsWith("qrforge_rate_limit_clients{", StringComparison.Ordinal) && l.Contains("policy=\"anonymous\"", StringComparison.Ordinal));
        Assert.Equal("20", gauge.Split(' ')[1]);

        // Tracked clients keep their own allowance meanwhile.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(proxy, 1, _ => "203.0.113.1"))[0]);

        // Once their windows end the sweep frees the table and new clients are tracked again.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        limiter.Sweep();
        Assert.Equal(0, limiter.TrackedClients.Anonymous);
        Assert.All(await SendAsync(proxy, 10, _ => "10.9.9.9"), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1, limiter.TrackedClients.Anonymous);
    }

    [Fact]
    public async Task HealthReadyMetrics_AreNotLimited()
    {
        await using var host = await KestrelHost.StartAsync(Limits(permits: 1));
        var client = host.CreateClient("127.0.0.2");
        AssertAllowedThenRefused(await SendAsync(client, 2), 1);
        foreach (var path in new[] { "/health", "/ready", "/metrics" })
        {
            Assert.All(await SendAsync(client, 3, url: path), s => Assert.Equal(HttpStatusCode.OK, s));
        }
    }

    [Fact]
    public async Task RateLimits_SwitchedOff_NeverRefuse()
    {
        await using var host = await KestrelHost.StartAsync(Limits(permits: 1, ("QrForge:Edge:RateLimits:Enabled", "false")));
        Assert.All(await SendAsync(host.CreateClient("127.0.0.2"), 5), s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task Authenticated_IsLimitedPerPrincipalNotPerAddress()
    {
        // A test-only authentication handler stands in for JWT / API keys (identity lands separately).
        await using var host = await KestrelHost.StartAsync(
            Limits(permits: 2, ("QrForge:Edge:RateLimits:Authenticated:PermitLimit", "3"), ("QrForge:Edge:RateLimits:Authenticated:Window", "00:01:00")),
            services => services.AddAuthentication(TestSubjectHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, TestSubjectHandler>(TestSubjectHandler.SchemeName, null));
        var client = host.CreateClient("127.0.0.2");

        async Task<List<HttpStatusCode>> AsAsync(string? subject, int count)
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < count; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, Url);
                if (subject is not null)
                {
                    request.Headers.Add(TestSubjectHandler.Header, subject);
                }

                using var response = await client.SendAsync(request);
                statuses.Add(response.StatusCode);
            }

            return statuses;
        }

        AssertAllowedThenRefused(await AsAsync("user-a", 4), 3);
        AssertAllowedThenRefused(await AsAsync("user-b", 4), 3); // same address, another principal
        AssertAllowedThenRefused(await AsAsync(null, 3), 2);     // anonymous from that address: its own limit
    }

    /// <summary>Signs in whoever names a subject in <c>X-Test-Subject</c>.</summary>
    private sealed class TestSubjectHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "TestSubject";
        public const string Header = "X-Test-Subject";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var subject = Request.Headers[Header].ToString();
            if (subject.Length == 0)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimNames.Subject, subject)], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
