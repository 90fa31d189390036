using Microsoft.Extensions.Configuration.Memory;

namespace QrForge.Server.Operations;

/// <summary>
/// Configuration sources beyond the defaults: the original deployment's variables (<c>DATABASE_URL</c>,
/// <c>REDIS_HOST</c>, <c>REDIS_PORT</c>, <c>REDIS_PASSWORD</c>) and the bootstrap admin
/// (<c>QRFORGE_BOOTSTRAP_ADMIN_EMAIL</c>, <c>QRFORGE_BOOTSTRAP_ADMIN_PASSWORD</c>) are translated to QrForge's own keys, which
/// still win when both are set.
/// </summary>
public static class ServerConfiguration
{
    public static TBuilder AddServerConfiguration<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var legacy = FromLegacyVariables(Environment.GetEnvironmentVariable);
        if (legacy.Count > 0)
        {
            // Insert before the regular environment variables so QRFORGE_ / QrForge__ settings override these.
            builder.Configuration.Sources.Insert(Math.Max(0, builder.Configuration.Sources.Count - 2), new MemoryConfigurationSource { InitialData = legacy });
        }

        return builder;
    }

    /// <summary>Maps the original deployment's variables to configuration keys.</summary>
    public static Dictionary<string, string?> FromLegacyVariables(Func<string, string?> env)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var databaseUrl = env("DATABASE_URL");
        if (!string.IsNullOrWhiteSpace(databaseUrl))
        {
            result["QrForge:Database:Provider"] = "postgres";
            result["QrForge:Database:ConnectionString"] = PostgresUrl.ToConnectionString(databaseUrl);
        }

        var redisHost = env("REDIS_HOST");
        if (!string.IsNullOrWhiteSpace(redisHost))
        {
            var port = env("REDIS_PORT");
            var password = env("REDIS_PASSWORD");
            var configuration = $"{redisHost}:{(string.IsNullOrWhiteSpace(port) ? "6379" : port)}";
            if (!string.IsNullOrEmpty(password))
            {
                configuration += ",password=" + password;
            }

            result["QrForge:Redis:Configuration"] = configuration;
        }

        // The first admin, for a service started with nothing but environment variables.
        foreach (var (variable, key) in new[] { ("QRFORGE_BOOTSTRAP_ADMIN_EMAIL", "QrForge:Auth:BootstrapAdminEmail"), ("QRFORGE_BOOTSTRAP_ADMIN_PASSWORD", "QrForge:Auth:BootstrapAdminPassword") })
        {
            if (env(variable) is { Length: > 0 } value)
            {
                result[key] = value;
            }
        }

        return result;
    }
}
