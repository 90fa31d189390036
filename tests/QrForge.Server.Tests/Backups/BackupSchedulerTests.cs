using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Backups;

public sealed class BackupSchedulerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "qrforge-scheduled-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Scheduler_AtStartThenEachInterval_WritesBackupsAndKeepsKeepCount()
    {
        await using var factory = await QrForgeFactory.CreateAsync(Database.Sqlite, extra: new()
        {
            ["QrForge:Backup:Enabled"] = "true",
            ["QrForge:Backup:AtStart"] = "true",
            ["QrForge:Backup:Directory"] = _folder,
            ["QrForge:Backup:Interval"] = "06:00:00",
            ["QrForge:Backup:KeepCount"] = "1",
        });
        using var client = factory.CreateClient(); // starts the host
        var first = await WaitForAsync(() => Backups().SingleOrDefault());
        Assert.Equal("qrforge-20261124T120000Z.db", Path.GetFileName(first));

        factory.Clock.Advance(TimeSpan.FromHours(6));
        var second = await WaitForAsync(() => Backups().SingleOrDefault(f => f != first && !Backups().Contains(first)));
        Assert.Equal("qrforge-20261124T180000Z.db", Path.GetFileName(second));

        using var metrics = await client.GetAsync("/metrics");
        Assert.Contains("qrforge_backups_total{", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private string[] Backups() => Directory.Exists(_folder) ? [.. Directory.GetFiles(_folder, "qrforge-*")] : [];

    private static async Task<string> WaitForAsync(Func<string?> probe)
    {
        for (var i = 0; i < 300; i++)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("no scheduled backup appeared in 30 s");
    }
}
