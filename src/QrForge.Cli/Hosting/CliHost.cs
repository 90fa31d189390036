using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using QrForge.Server;
using QrForge.Server.Operations;
using QrForge.Server.Storage;

namespace QrForge.Cli.Hosting;

/// <summary>
/// The services of the QrForge service without the web server, for the commands that work on its database
/// (<c>db migrate</c>, <c>codes cleanup</c>, <c>users create</c>, <c>doctor</c>, <c>console</c>). Settings come from
/// appsettings.json beside the tool, environment variables and the <c>--key=value</c> pairs after <c>--</c>.
/// </summary>
internal static class CliHost
{
    /// <summary>Builds the services-only host and checks the configuration the way the service does at start.</summary>
    /// <exception cref="CliUsageException">A setting is invalid (reported as a usage error, exit code 2).</exception>
    /// <param name="settings">Configuration overrides (the words after <c>--</c>).</param>
    /// <param name="configure">Registrations on top of the service's (the console's database interceptors).</param>
    public static IHost Build(string[]? settings, Action<IServiceCollection>? configure = null)
    {
        var host = ServerApp.BuildServices(settings ?? [], AppContext.BaseDirectory, configure);
        try
        {
            // Reading the options runs their validators, as the service does at start (each feature binds its own section).
            _ = host.Services.GetRequiredService<IOptions<QrForgeOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<QrForge.Server.Edge.EdgeOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<QrForge.Server.Identity.AuthOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<QrForge.Server.Links.LinksOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<QrForge.Server.Passes.PassesOptions>>().Value;
            return host;
        }
        catch (OptionsValidationException e)
        {
            host.Dispose();
            throw new CliUsageException("configuration: " + string.Join(" ", e.Failures), e);
        }

    }

    /// <summary>Which database a context talks to: the provider and the connection string without its password.</summary>
    public static string Describe(QrForgeDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var provider = db.Database.IsNpgsql() ? "postgres" : db.Database.IsSqlite() ? "sqlite" : db.Database.ProviderName ?? "unknown";
        return $"{provider} ({WithoutPassword(db.Database.GetConnectionString())})";
    }

    /// <summary>A connection string with any password removed (keys compared case-insensitively).</summary>
    public static string WithoutPassword(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return "";
        }

        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in new[] { "Password", "Pwd" })
            {
                builder.Remove(key);
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unreadable connection string)";
        }
    }
}
