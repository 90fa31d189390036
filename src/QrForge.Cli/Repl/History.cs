using System.Text.Json;

namespace QrForge.Cli.Repl;

/// <summary>
/// The console's history, kept between sessions in <c>$XDG_CONFIG_HOME/qrforge/console_history</c> (usually
/// <c>~/.config/qrforge/console_history</c>): one JSON string per entry, so a multi-line entry stays one entry;
/// the last <see cref="Limit"/> entries are kept.
/// </summary>
internal sealed class History
{
    public const int Limit = 1000;

    private readonly List<string> _entries = [];
    private readonly string _path;

    private History(string path) => _path = path;

    public IReadOnlyList<string> Entries => _entries;

    public static string DefaultPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "qrforge", "console_history");

    public static History Load(string path)
    {
        var history = new History(path);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                try
                {
                    if (JsonSerializer.Deserialize<string>(line) is { Length: > 0 } entry)
                    {
                        history._entries.Add(entry);
                    }
                }
                catch (JsonException)
                {
                    // A damaged line is skipped, not fatal.
                }
            }
        }

        if (history._entries.Count > Limit)
        {
            history._entries.RemoveRange(0, history._entries.Count - Limit);
        }

        return history;
    }

    /// <summary>Adds an entry (not a repeat of the last one) and appends it to the file; the file is trimmed now and then.</summary>
    public void Add(string entry)
    {
        if (string.IsNullOrWhiteSpace(entry) || (_entries.Count > 0 && _entries[^1] == entry))
        {
            return;
        }

        _entries.Add(entry);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            if (_entries.Count > Limit)
            {
                _entries.RemoveRange(0, _entries.Count - Limit);
                File.WriteAllLines(_path, _entries.Select(e => JsonSerializer.Serialize(e)));
            }
            else
            {
                File.AppendAllText(_path, JsonSerializer.Serialize(entry) + "\n");
            }
        }
        catch (IOException)
        {
            // History is a convenience: a read-only home must not stop the console.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
