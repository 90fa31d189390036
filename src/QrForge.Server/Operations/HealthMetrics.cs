using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QrForge.Server.Operations;

/// <summary>
/// <c>qrforge.health</c>: the last result of each ready check (<c>check</c> = database, cache) as 1 healthy,
/// 0.5 degraded, 0 unhealthy, published every 10 s, so that alerts can tell a node whose database is gone
/// (deploy/prometheus/alerts.yml) without probing /ready themselves.
/// </summary>
internal sealed class HealthMetrics : IHealthCheckPublisher
{
    private readonly Dictionary<string, double> _status = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public HealthMetrics(IMeterFactory meters) =>
        meters.Create(QrForgeMetrics.MeterName).CreateObservableGauge("qrforge.health", Observe, description: "Last result of each ready check: 1 healthy, 0.5 degraded, 0 unhealthy.");

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var (name, entry) in report.Entries)
            {
                _status[name] = entry.Status switch
                {
                    HealthStatus.Healthy => 1,
                    HealthStatus.Degraded => 0.5,
                    _ => 0,
                };
            }
        }

        return Task.CompletedTask;
    }

    private Measurement<double>[] Observe()
    {
        lock (_lock)
        {
            return [.. _status.Select(s => new Measurement<double>(s.Value, new KeyValuePair<string, object?>("check", s.Key)))];
        }
    }

    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<IHealthCheckPublisher, HealthMetrics>();
        services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.FromSeconds(1);
            o.Period = TimeSpan.FromSeconds(10);
        });
    }
}
