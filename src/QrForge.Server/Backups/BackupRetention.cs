using System.Globalization;

namespace QrForge.Server.Backups;

/// <summary>
/// The retention policy of scheduled backups: in the backup folder, files named <c>qrforge-{yyyyMMddTHHmmssZ}.db</c>
/// or <c>.dump</c> beyond the newest <c>KeepCount</c>, or older than <c>MaxAge</c> by the time in their name, are
/// removed; the newest is always kept. Other files in the folder are never touched.
/// </summary>
public static class BackupRetention
{
    public const string Prefix = "qrforge-";

    /// <summary>Removes the backups the policy no longer keeps; returns their paths.</summary>
    public static IReadOnlyList<string> Prune(string directory, DateTimeOffset now, int keepCount, TimeSpan maxAge)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var backups = Directory.EnumerateFiles(directory, Prefix + "*")
            .Select(path => (Path: path, Taken: TakenAt(path)))
            .Where(b => b.Taken is not null)
            .OrderByDescending(b => b.Taken)
            .ToList();
        var removed = new List<string>();
        for (var i = 1; i < backups.Count; i++)
        {
            if (i >= keepCount || now - backups[i].Taken > maxAge)
            {
                File.Delete(backups[i].Path);
                removed.Add(backups[i].Path);
            }
        }

        return removed;
    }

    /// <summary>When a backup was taken, from its name; null for a file that is not a backup named by <see cref="DatabaseBackup.DefaultPath"/>.</summary>
    public static DateTimeOffset? TakenAt(string path)
    {
        var name = Path.GetFileName(path);
        var extension = Path.GetExtension(name);
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || extension is not (SqliteBackup.Extension or PostgresBackup.Extension))
        {
            return null;
        }

        var stamp = name[Prefix.Length..^extension.Length];
        return DateTimeOffset.TryParseExact(stamp, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var taken)
            ? taken
            : null;
    }
}
