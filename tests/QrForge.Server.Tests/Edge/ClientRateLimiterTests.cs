using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QrForge.Server.Edge;

namespace QrForge.Server.Tests.Edge;

/// <summary>The limiter on its own, with a fake clock: login counting and the bound on tracked clients.</summary>
public sealed class ClientRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    private ClientRateLimiter Create(Action<RateLimitsOptions> configure)
    {
        var options = new EdgeOptions();
        configure(options.RateLimits);
        return new ClientRateLimiter(Options.Create(options), _clock);
    }

    private static DefaultHttpContext Request(string address, string path = "/r/abc", bool login = false)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        context.Request.Path = path;
        if (login)
        {
            context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new EnableRateLimitingAttribute(RateLimits.Login)), "login"));
        }

        return context;
    }

    private static bool Acquire(ClientRateLimiter limiter, HttpContext context)
    {
        using var lease = limiter.AttemptAcquire(context);
        return lease.IsAcquired;
    }

    [Fact]
    public void Login_IsCountedOnTopAndARefusedLoginDoesNotUseTheGeneralAllowance()
    {
        using var limiter = Create(o =>
        {
            o.Anonymous.PermitLimit = 5;
            o.Login.PermitLimit = 2;
        });
        Assert.True(Acquire(limiter, Request("192.0.2.1", "/api/v1/auth/login", login: true)));
        Assert.True(Acquire(limiter, Request("192.0.2.1", "/api/v1/auth/login", login: true)));
        using (var refused = limiter.AttemptAcquire(Request("192.0.2.1", "/api/v1/auth/login", login: true)))
        {
            Assert.False(refused.IsAcquired);
            Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
            Assert.Equal(TimeSpan.FromMinutes(1), retryAfter);
        }

        // 2 of 5 general requests used; the refused login gave its permit back.
        Assert.True(Acquire(limiter, Request("192.0.2.1")));
        Assert.True(Acquire(limiter, Request("192.0.2.1")));
        Assert.True(Acquire(limiter, Request("192.0.2.1")));
        Assert.False(Acquire(limiter, Request("192.0.2.1")));

        // Another address has its own login allowance.
        Assert.True(Acquire(limiter, Request("192.0.2.2", "/api/v1/auth/login", login: true)));
    }

    [Fact]
    public void TrackedClients_FiftyThousandAddresses_NeverExceedTheBound()
    {
        using var limiter = Create(o =>
        {
            o.MaxClients = 1000;
            o.OverflowPermitLimit = 100;
            o.Anonymous.PermitLimit = 10;
        });
        var allowed = 0;
        for (var i = 0; i < 50_000; i++)
        {
            // Every request a new IPv6 /64, as a client rotating through a large allocation would send.
            var address = new IPAddress([0x20, 0x01, 0x0d, 0xb8, 0, 0, (byte)(i >> 8), (byte)i, 0, 0, 0, 0, 0, 0, 0, 1]);
            var context = new DefaultHttpContext();
            context.Connection.RemoteIpAddress = address;
            allowed += Acquire(limiter, context) ? 1 : 0;
            Assert.True(limiter.TrackedClients.Anonymous <= 1000);
        }

        Assert.Equal(1000, limiter.TrackedClients.Anonymous);
        Assert.Equal(1000 + 100, allowed); // one request per tracked client, then the shared overflow allowance
    }

    [Theory]
    [InlineData("192.0.2.1", "::ffff:192.0.2.1", true)]     // an IPv4-mapped address is the IPv4 client
    [InlineData("192.0.2.1", "192.0.2.2", false)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff", true)] // same /64
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("::ffff:0.0.0.0", "::", false)]              // mapped range and the ::/64 stay apart
    public void AddressKey_GroupsIpv6By64AndKeepsIpv4Apart(string a, string b, bool same) =>
        Assert.Equal(same, ClientRateLimiter.AddressKey(IPAddress.Parse(a)) == ClientRateLimiter.AddressKey(IPAddress.Parse(b)));
}
