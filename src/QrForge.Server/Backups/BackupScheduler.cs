using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using QrForge.Server.Operations;

namespace QrForge.Server.Backups;

/// <summary>
/// Scheduled backups in the service: one at start when <c>QrForge:Backup:AtStart</c> is on, then one every
/// <c>Interval</c>, each followed by the retention policy (<see cref="BackupRetention"/>). A small hosted service
/// until the durable job system exists: it runs on every node where it is enabled, so enable it on one node.
/// </summary>
public sealed class BackupScheduler(IServiceScopeFactory scopes, TimeProvider clock, IOptions<BackupOptions> options, BackupMetrics metrics, ILogger<BackupScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.Interval, clock);
        if (settings.AtStart)
        {
            await RunOnceAsync(stoppingToken);
        }

        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Takes one backup into the backup folder and applies the retention policy; failures are logged and counted.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var file = await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().BackupAsync(null, ct);
            metrics.Succeeded(clock.GetUtcNow());
            BackupLog.Written(logger, file.FullName, file.Length);
            foreach (var removed in BackupRetention.Prune(settings.Directory, clock.GetUtcNow(), settings.KeepCount, settings.MaxAge))
            {
                BackupLog.Removed(logger, removed);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            metrics.Failed();
            BackupLog.Failed(logger, e);
        }
    }
}

/// <summary>
/// <c>qrforge.backups</c> (by result: success, failure) and <c>qrforge.backups.last_success</c> (Unix seconds of
/// the last good scheduled backup, 0 before the first), on the service's meter.
/// </summary>
public sealed class BackupMetrics
{
    private readonly Counter<long> _backups;
    private long _lastSuccess;

    public BackupMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(QrForgeMetrics.MeterName);
        _backups = meter.CreateCounter<long>("qrforge.backups", description: "Scheduled backups, by result (success, failure).");
        meter.CreateObservableGauge("qrforge.backups.last_success", () => Interlocked.Read(ref _lastSuccess), unit: "s", description: "Unix time of the last successful scheduled backup (0: none yet).");
    }

    public void Succeeded(DateTimeOffset at)
    {
        Interlocked.Exchange(ref _lastSuccess, at.ToUnixTimeSeconds());
        _backups.Add(1, new KeyValuePair<string, object?>("result", "success"));
    }

    public void Failed() => _backups.Add(1, new KeyValuePair<string, object?>("result", "failure"));
}

internal static partial class BackupLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Backup written to {Path} ({Bytes} bytes).")]
    public static partial void Written(ILogger logger, string path, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {Path} removed by the retention policy.")]
    public static partial void Removed(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled backup failed; it runs again at the next interval.")]
    public static partial void Failed(ILogger logger, Exception exception);
}

public static class BackupsExtensions
{
    /// <summary><see cref="DatabaseBackup"/> for <c>qrforge db backup/restore</c> and the scheduled backups (<c>QrForge:Backup</c>).</summary>
    public static IServiceCollection AddBackups(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<DatabaseBackup>();
        services.AddSingleton<BackupMetrics>();
        services.AddHostedService<BackupScheduler>();
        return services;
    }
}
