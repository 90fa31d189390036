using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using QrForge.Server.Images;
using QrForge.Server.Operations;
using StackExchange.Redis;

namespace QrForge.Server.Caching;

public static class CachingExtensions
{
    /// <summary>
    /// HybridCache with the in-process first level and, when <c>QrForge:Redis:Configuration</c> is set, Redis
    /// as the shared second level behind <see cref="ResilientDistributedCache"/>.
    /// </summary>
    public static IServiceCollection AddCaching(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = configuration.GetSection(QrForgeOptions.Section).Get<QrForgeOptions>()?.Redis ?? new RedisOptions();
        // Entry counts for GET /api/v1/cache/stats (the in-process level is the IMemoryCache HybridCache uses).
        services.Configure<Microsoft.Extensions.Caching.Memory.MemoryCacheOptions>(o => o.TrackStatistics = true);
        services.AddHybridCache(o =>
        {
            o.MaximumPayloadBytes = 16 * 1024 * 1024;
            o.MaximumKeyLength = 4096;
        }).AddSerializer<CachedImage, CachedImageSerializer>();

        if (!string.IsNullOrWhiteSpace(redis.Configuration))
        {
            var timeout = TimeSpan.FromMilliseconds(redis.TimeoutMilliseconds);
            var redisOptions = ConfigurationOptions.Parse(redis.Configuration);
            redisOptions.AbortOnConnectFail = false;
            redisOptions.ConnectTimeout = redis.TimeoutMilliseconds * 4;
            redisOptions.SyncTimeout = redis.TimeoutMilliseconds;
            redisOptions.AsyncTimeout = redis.TimeoutMilliseconds;
            redisOptions.ConnectRetry = 1;
            var redisCache = new RedisCache(new RedisCacheOptions { ConfigurationOptions = redisOptions, InstanceName = "qrforge:" });
            services.AddSingleton(sp => new ResilientDistributedCache(
                redisCache,
                timeout,
                TimeSpan.FromSeconds(redis.RetryAfterSeconds),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<QrForgeMetrics>(),
                sp.GetRequiredService<ILogger<ResilientDistributedCache>>()));
            services.AddSingleton<IDistributedCache>(sp => sp.GetRequiredService<ResilientDistributedCache>());
        }

        services.AddHealthChecks().AddCheck<CacheHealthCheck>("cache");
        return services;
    }
}

/// <summary>Ready check: Degraded while the shared cache is unavailable (the service still answers).</summary>
internal sealed class CacheHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var shared = services.GetService<ResilientDistributedCache>();
        return Task.FromResult(shared switch
        {
            null => HealthCheckResult.Healthy("in-process cache only"),
            { IsAvailable: true } => HealthCheckResult.Healthy("in-process and Redis"),
            _ => HealthCheckResult.Degraded("Redis is unavailable; serving from the in-process cache and the database"),
        });
    }
}
