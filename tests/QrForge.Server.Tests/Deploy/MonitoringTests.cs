using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Identity;
using QrForge.Server.Jobs;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Deploy;

/// <summary>
/// The alert rules pass <c>promtool check rules</c> and their unit tests (<c>promtool test rules</c>, Debian's
/// prometheus package), and every metric that the rules and the Grafana dashboard name is on <c>/metrics</c> of a
/// running service once it has done the things the metrics count.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed partial class MonitoringTests
{
    private static string Promtool => Repository.Tool("promtool", "prometheus");

    [Fact]
    public async Task AlertRules_PromtoolCheck_Passes()
    {
        var (exitCode, output) = await Repository.RunAsync(Promtool, ["check", "rules", "alerts.yml"], Repository.File("deploy", "prometheus"));
        Assert.True(exitCode == 0, output);
        var (configExit, configOutput) = await Repository.RunAsync(Promtool, ["check", "config", "prometheus.yml"], Repository.File("deploy", "prometheus"));
        Assert.True(configExit == 0, configOutput);
    }

    [Fact]
    public async Task AlertRules_PromtoolUnitTests_Pass()
    {
        var (exitCode, output) = await Repository.RunAsync(Promtool, ["test", "rules", "alerts.test.yml"], Repository.File("deploy", "prometheus"));
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task AlertRules_NegativeControl_PromtoolRejectsABrokenRule()
    {
        var folder = Directory.CreateTempSubdirectory("qrforge-promtool-");
        try
        {
            var broken = Repository.Read("deploy", "prometheus", "alerts.yml").Replace("> 0.05", "> > 0.05", StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "alerts.yml"), broken);
            var (exitCode, _) = await Repository.RunAsync(Promtool, ["check", "rules", "alerts.yml"], folder.FullName);
            Assert.NotEqual(0, exitCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task DashboardsAndRules_EveryMetricNamed_IsExportedOnMetrics()
    {
        var named = NamedMetrics();
        Assert.Contains("qrforge_scans_dropped_total", named);
        Assert.Contains("http_server_request_duration_seconds_bucket", named);

        var backups = Directory.CreateTempSubdirectory("qrforge-metrics-backups-");
        try
        {
            await using var factory = await QrForgeFactory.CreateAsync(Database.Sqlite, extra: new()
            {
                ["QrForge:Backup:Enabled"] = "true",
                ["QrForge:Backup:AtStart"] = "true",
                ["QrForge:Backup:Directory"] = backups.FullName,
                ["QrForge:Links:ScanQueueCapacity"] = "1",
                ["QrForge:Edge:RateLimits:Enabled"] = "true",
                ["QrForge:Edge:RateLimits:Anonymous:PermitLimit"] = "1000000",
                ["QrForge:Edge:RateLimits:Authenticated:PermitLimit"] = "1000000",
            });
            using var client = await factory.CreateClientAsync(Roles.Operator);
            // Codes created, an image rendered (cache lookups), an expired code cleaned up, redirects and scans.
            var code = await Json.PostAsync(client, "/api/v1/codes", """{"data":"metrics","expiration_hours":1}""");
            (await client.GetAsync($"/api/v1/codes/{code["id"]}/image.png")).Dispose();
            var slug = (string)(await Json.PostAsync(client, "/api/v1/links", """{"destination":"https://example.com/"}"""))["slug"]!;
            factory.Clock.Advance(TimeSpan.FromHours(2));
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<ExpiryCleanup>().RunOnceAsync(default);
            }

            var missing = named;
            var until = DateTime.UtcNow.AddSeconds(90); // the health gauge is published every 10 s
            while (missing.Count > 0 && DateTime.UtcNow < until)
            {
                // A queue of one scan: a burst of redirects both writes scans and drops some.
                await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ => (await client.GetAsync($"/r/{slug}")).Dispose()));
                var exported = Exported(await client.GetStringAsync("/metrics"));
                missing = [.. named.Where(n => !exported.Contains(n))];
                await Task.Delay(200);
            }

            Assert.True(missing.Count == 0, "not on /metrics: " + string.Join(", ", missing));
        }
        finally
        {
            backups.Delete(recursive: true);
        }
    }

    /// <summary>Metric names in the rules' and the dashboards' expressions (recording rules, with a colon, and Prometheus's own <c>up</c> aside).</summary>
    private static HashSet<string> NamedMetrics()
    {
        var expressions = new List<string>();
        foreach (var line in Repository.Read("deploy", "prometheus", "alerts.yml").Split('\n'))
        {
            if (line.TrimStart().StartsWith("expr:", StringComparison.Ordinal))
            {
                expressions.Add(line);
            }
        }

        foreach (var file in Directory.GetFiles(Repository.File("deploy", "grafana", "dashboards"), "*.json"))
        {
            var dashboard = JsonNode.Parse(File.ReadAllText(file))!;
            foreach (var panel in dashboard["panels"]!.AsArray())
            {
                foreach (var target in panel!["targets"]?.AsArray() ?? [])
                {
                    expressions.Add((string)target!["expr"]!);
                }
            }
        }

        return [.. expressions.SelectMany(e => MetricName().Matches(e).Select(m => m.Value))];
    }

    private static HashSet<string> Exported(string metrics) =>
        [.. metrics.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('{', ' ')[0])];

    [GeneratedRegex(@"\b(qrforge_[a-z0-9_]+|http_server_[a-z0-9_]+)\b")]
    private static partial Regex MetricName();
}
