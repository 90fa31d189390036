using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QrForge.Server.Identity;
using QrForge.Server.Storage;

namespace QrForge.Server.Tests.Infrastructure;

/// <summary>Which database a test host runs on.</summary>
public enum Database
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The service in memory (<see cref="WebApplicationFactory{TEntryPoint}"/>) on a real database, with a fake clock
/// and the background clean-up off (tests run it explicitly). Per-client rate limits are off unless a test turns
/// them on (tests/…/Edge does), so that tests making many calls from one client are not throttled; in-memory
/// requests come from the loopback address, as a local caller's would.
/// </summary>
public sealed class QrForgeFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private QrForgeFactory(Dictionary<string, string?> settings, FakeTimeProvider clock)
    {
        _settings = settings;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public static async Task<QrForgeFactory> CreateAsync(Database database, string? redis = null, Dictionary<string, string?>? extra = null, string? connectionString = null, FakeTimeProvider? clock = null)
    {
        connectionString ??= database == Database.Postgres
            ? await (await PostgresServer.SharedAsync).CreateDatabaseAsync()
            : $"Data Source={Path.Combine(Path.GetTempPath(), $"qrforge-test-{Guid.NewGuid():N}.db")}";
        var settings = new Dictionary<string, string?>
        {
            ["QrForge:Database:Provider"] = database == Database.Postgres ? "postgres" : "sqlite",
            ["QrForge:Database:ConnectionString"] = connectionString,
            ["QrForge:Redis:Configuration"] = redis ?? "",
            ["QrForge:Cleanup:Enabled"] = "false",
            // Tests move the fake clock by hours; a day-long access token keeps their clients signed in.
            ["QrForge:Auth:AccessTokenMinutes"] = "1440",
            ["QrForge:Edge:RateLimits:Enabled"] = "false",
            ["Logging:Format"] = "text",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        return new QrForgeFactory(settings, clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
    }

    public string ConnectionString => _settings["QrForge:Database:ConnectionString"]!;

    /// <summary>
    /// A client signed in with the given role (<c>Roles.*</c>) in a tenant (default: the default tenant, which is
    /// made when missing); every call makes a fresh user and a real access token. Use it for every call under
    /// <c>/api/v1</c> that is not anonymous by design.
    /// </summary>
    public async Task<HttpClient> CreateClientAsync(string role, Guid? tenantId = null)
    {
        var (token, _) = await SignInAsync(role, tenantId);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>Makes a user with the role and returns an access token and the user id (no password, no HTTP).</summary>
    public async Task<(string AccessToken, Guid UserId)> SignInAsync(string role, Guid? tenantId = null)
    {
        var tenant = tenantId ?? TenantContext.DefaultTenantId;
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        await EnsureTenantAsync(db, tenant);
        var user = new User { Id = Guid.NewGuid(), Email = $"{role}-{Guid.NewGuid():N}@test.example", PasswordHash = "-", CreatedAt = Clock.GetUtcNow().UtcDateTime };
        db.Add(user);
        db.Add(new Membership { TenantId = tenant, UserId = user.Id, Role = role, CreatedAt = user.CreatedAt });
        await db.SaveChangesAsync();
        var pair = await scope.ServiceProvider.GetRequiredService<TokenService>().IssueAsync(user.Id, tenant, role, default);
        return (pair.AccessToken, user.Id);
    }

    /// <summary>A client that sends a new API key of the role (created directly, as an admin would).</summary>
    public async Task<(HttpClient Client, Guid KeyId)> CreateApiKeyClientAsync(string role, Guid? tenantId = null, DateTime? expiresAt = null)
    {
        var tenant = tenantId ?? TenantContext.DefaultTenantId;
        using var scope = Services.CreateScope();
        await EnsureTenantAsync(scope.ServiceProvider.GetRequiredService<QrForgeDbContext>(), tenant);
        var (key, secret) = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(tenant, "test " + role, role, expiresAt, null, default);
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return (client, key.Id);
    }

    private async Task EnsureTenantAsync(QrForgeDbContext db, Guid tenant)
    {
        if (!await db.Set<Tenant>().AnyAsync(t => t.Id == tenant))
        {
            db.Add(new Tenant { Id = tenant, Name = "tenant-" + tenant.ToString("N"), CreatedAt = Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter, LoopbackClientFilter>();
        });
    }

    // The in-memory server gives requests no remote address; a real local client has loopback (Kestrel hosts of
    // the Edge tests have real addresses and are left alone).
    private sealed class LoopbackClientFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
