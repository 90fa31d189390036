using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using QrForge.Server.Api;
using QrForge.Server.Operations;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Api;

/// <summary>Issue 12, a new user's first hour: addresses, limits, logs, hosts and the bootstrap admin.</summary>
public sealed class StartupTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Theory]
    [InlineData("urls", "http://+:9000")]
    [InlineData("http_ports", "8081")]
    [InlineData("https_ports", "8443")]
    [InlineData("Kestrel:Endpoints:Main:Url", "http://+:9001")]
    public void HasConfiguredAddress_PlatformSetting_IsHonoured(string key, string value) =>
        Assert.True(ServerApp.HasConfiguredAddress(Config((key, value))));

    [Fact]
    public void HasConfiguredAddress_Nothing_UsesTheDefault() => Assert.False(ServerApp.HasConfiguredAddress(Config()));

    [Fact]
    public void AppSettings_SetNoAddress_SoPlatformVariablesWin()
    {
        var settings = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();
        Assert.False(ServerApp.HasConfiguredAddress(settings));
    }

    [Theory]
    [InlineData("--http_ports=18123", null)]
    [InlineData("--urls=http://127.0.0.1:18124", "http://127.0.0.1:18124")]
    [InlineData(null, ServerApp.DefaultUrl)]
    public async Task Build_PlatformAddress_IsNotReplacedByTheDefault(string? argument, string? urls)
    {
        // ASPNETCORE_HTTP_PORTS / ASPNETCORE_URLS arrive as these keys, like the command line's.
        string[] args = ["--QrForge:Database:ConnectionString=Data Source=" + Path.Combine(Path.GetTempPath(), $"qrforge-{Guid.NewGuid():N}.db"), .. argument is null ? Array.Empty<string>() : [argument]];
        await using var app = ServerApp.Build(args);
        Assert.Equal(urls, app.Configuration["urls"]);
    }

    [Fact]
    public void KestrelLimits_Defaults_BoundIdleConnections()
    {
        var limits = new KestrelServerLimits();
        KestrelLimits.Apply(limits, Config());
        Assert.Equal(TimeSpan.FromSeconds(30), limits.KeepAliveTimeout);
        Assert.Equal(TimeSpan.FromSeconds(15), limits.RequestHeadersTimeout);
        Assert.Equal(10_000, limits.MaxConcurrentConnections);
    }

    [Fact]
    public void KestrelLimits_Configured_ConfigurationWins()
    {
        var limits = new KestrelServerLimits { KeepAliveTimeout = TimeSpan.FromSeconds(77) };
        KestrelLimits.Apply(limits, Config(("Kestrel:Limits:KeepAliveTimeout", "00:01:17")));
        Assert.Equal(TimeSpan.FromSeconds(77), limits.KeepAliveTimeout);
    }

    [Theory]
    [InlineData(null, false, false)]
    [InlineData(null, true, true)]
    [InlineData("json", false, true)]
    [InlineData("text", true, false)]
    [InlineData("JSON", false, true)]
    public void UseJsonLogs_FormatAndTerminal_Decide(string? format, bool redirected, bool json) =>
        Assert.Equal(json, OperationsExtensions.UseJsonLogs(format, redirected));

    [Theory]
    [InlineData(null, false)]
    [InlineData("*", false)]
    [InlineData("qr.example.com;localhost", true)]
    public void HostsRestricted_AllowedHosts_Decides(string? allowed, bool restricted) =>
        Assert.Equal(restricted, HostCheck.HostsRestricted(allowed is null ? Config() : Config(("AllowedHosts", allowed))));

    [Fact]
    public async Task Request_HostNotAllowed_Returns400()
    {
        await using var factory = await QrForgeFactory.CreateAsync(Database.Sqlite, extra: new() { ["AllowedHosts"] = "qr.example.com;localhost" });
        using var client = factory.CreateClient();
        using var allowed = new HttpRequestMessage(HttpMethod.Get, "/health");
        allowed.Headers.Host = "qr.example.com";
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(allowed)).StatusCode);
        using var other = new HttpRequestMessage(HttpMethod.Get, "/health");
        other.Headers.Host = "evil.example.net";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(other)).StatusCode);
    }
}
