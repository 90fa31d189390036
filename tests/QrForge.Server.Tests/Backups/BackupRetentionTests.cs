using QrForge.Server.Backups;

namespace QrForge.Server.Tests.Backups;

public sealed class BackupRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "qrforge-retention-" + Guid.NewGuid().ToString("N"));

    public BackupRetentionTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Prune_MoreThanKeepCount_RemovesTheOldest()
    {
        for (var day = 1; day <= 5; day++)
        {
            Touch($"qrforge-202612{day:00}T030000Z.db");
        }

        var removed = BackupRetention.Prune(_folder, Now, keepCount: 3, maxAge: TimeSpan.FromDays(365));
        Assert.Equal(["qrforge-20261201T030000Z.db", "qrforge-20261202T030000Z.db"], removed.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(3, Directory.GetFiles(_folder).Length);
    }

    [Fact]
    public void Prune_OlderThanMaxAge_RemovesThemButAlwaysKeepsTheNewest()
    {
        Touch("qrforge-20261101T000000Z.dump");
        Touch("qrforge-20261001T000000Z.dump");
        var removed = BackupRetention.Prune(_folder, Now, keepCount: 10, maxAge: TimeSpan.FromDays(7));
        Assert.Equal(["qrforge-20261001T000000Z.dump"], removed.Select(Path.GetFileName));
        Assert.True(File.Exists(Path.Combine(_folder, "qrforge-20261101T000000Z.dump")));
    }

    [Fact]
    public void Prune_FilesThatAreNotScheduledBackups_AreLeftAlone()
    {
        Touch("qrforge-20261201T000000Z.db");
        Touch("qrforge-20200101T000000Z.db.partial");
        Touch("qrforge-manual.db");
        Touch("notes.txt");
        var removed = BackupRetention.Prune(_folder, Now, keepCount: 1, maxAge: TimeSpan.FromDays(1));
        Assert.Empty(removed);
        Assert.Equal(4, Directory.GetFiles(_folder).Length);
    }

    [Theory]
    [InlineData("qrforge-20261202T154500Z.db", "2026-12-02T15:45:00Z")]
    [InlineData("qrforge-20261202T154500Z.dump", "2026-12-02T15:45:00Z")]
    [InlineData("qrforge-2026.db", null)]
    [InlineData("other-20261202T154500Z.db", null)]
    public void TakenAt_Name_ParsesTheStampOrNull(string name, string? expected) =>
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), BackupRetention.TakenAt(name));

    private void Touch(string name) => File.WriteAllText(Path.Combine(_folder, name), "x");
}
