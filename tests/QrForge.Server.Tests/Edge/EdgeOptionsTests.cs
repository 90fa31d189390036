using System.Net;
using Microsoft.Extensions.Options;
using QrForge.Server.Edge;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Edge;

public sealed class EdgeOptionsTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.255.1.2", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]      // dual-mode sockets report IPv4 clients mapped
    [InlineData("192.168.1.7", "192.168.1.7", true)]
    [InlineData("192.168.1.7", "192.168.1.8", false)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("::ffff:10.0.0.0/104", "10.9.9.9", true)]
    [InlineData("172.16.0.0/12, fd00::/8", "fd12::1", true)] // comma-separated entries
    public void NetworkList_ContainsWhatTheCidrCovers(string entry, string address, bool expected)
    {
        Assert.True(NetworkList.TryParse([entry], out var list, out _));
        Assert.Equal(expected, list.Contains(IPAddress.Parse(address)));
    }

    [Fact]
    public void NetworkList_UnknownAddress_IsNeverContained() =>
        Assert.False(NetworkList.Parse(["0.0.0.0/0"]).Contains(null));

    [Theory]
    [InlineData("KnownNetworks:0", "10.0.0.0/33", "QrForge:Edge:KnownNetworks")]
    [InlineData("KnownNetworks:0", "10.1.2.3/8", "QrForge:Edge:KnownNetworks")]
    [InlineData("KnownProxies:0", "proxy.internal", "QrForge:Edge:KnownProxies")]
    [InlineData("Admin:AllowedNetworks:0", "10.0.0.0/8, nonsense", "QrForge:Edge:Admin:AllowedNetworks")]
    [InlineData("ForwardLimit", "0", "QrForge:Edge:ForwardLimit")]
    [InlineData("RateLimits:MaxClients", "0", "QrForge:Edge:RateLimits:MaxClients")]
    [InlineData("RateLimits:Anonymous:PermitLimit", "0", "QrForge:Edge:RateLimits:Anonymous:PermitLimit")]
    [InlineData("RateLimits:Login:Window", "00:00:00", "QrForge:Edge:RateLimits:Login:Window")]
    [InlineData("Cors:AllowedOrigins:0", "https://app.example.com/path", "QrForge:Edge:Cors:AllowedOrigins")]
    [InlineData("Headers:ReferrerPolicy", "no referrer", "QrForge:Edge:Headers:ReferrerPolicy")]
    public async Task InvalidSetting_StopsTheServiceNamingTheKey(string key, string value, string named)
    {
        await using var factory = await QrForgeFactory.CreateAsync(Database.Sqlite, extra: new() { ["QrForge:Edge:" + key] = value });
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var validation = error as OptionsValidationException ?? Assert.IsType<OptionsValidationException>(error.InnerException ?? error.GetBaseException());
        Assert.Contains(validation.Failures, f => f.StartsWith(named, StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_AreValid() =>
        Assert.True(new EdgeOptionsValidator().Validate(null, new EdgeOptions()).Succeeded);
}
