using System.Text.Json;

namespace QrForge.Cli.Client;

/// <summary>
/// Where the API client sends requests and with which key. The server: <c>--server URL</c>, else
/// <c>QRFORGE_SERVER</c>, else the config file. The API key: <c>QRFORGE_API_KEY</c>, else the config file — never an
/// argument, so it does not show in <c>ps</c> or the shell's history. The config file is
/// <c>$XDG_CONFIG_HOME/qrforge/client.json</c> (<c>QRFORGE_CLIENT_CONFIG</c> names another):
/// <c>{ "server": "https://qr.example.com", "api_key": "qrf_…" }</c>.
/// </summary>
internal sealed record ClientSettings(Uri Server, string ApiKey)
{
    public static string DefaultConfigPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "qrforge", "client.json");

    /// <exception cref="CliUsageException">No server or no key, or an unreadable config file.</exception>
    public static ClientSettings Resolve(string? server)
    {
        var path = Environment.GetEnvironmentVariable("QRFORGE_CLIENT_CONFIG") is { Length: > 0 } custom ? custom : DefaultConfigPath;
        string? fileServer = null, fileKey = null;
        if (File.Exists(path))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(path));
                fileServer = document.RootElement.TryGetProperty("server", out var s) ? s.GetString() : null;
                fileKey = document.RootElement.TryGetProperty("api_key", out var k) ? k.GetString() : null;
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or IOException)
            {
                throw new CliUsageException($"config file {path}: {e.Message}");
            }
        }

        var url = server ?? Environment.GetEnvironmentVariable("QRFORGE_SERVER") ?? fileServer
            ?? throw new CliUsageException($"--server: no server given (or set QRFORGE_SERVER, or \"server\" in {path})");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliUsageException($"--server: '{url}' is not an http(s) URL");
        }

        var key = Environment.GetEnvironmentVariable("QRFORGE_API_KEY") is { Length: > 0 } env ? env : fileKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new CliUsageException($"no API key: set QRFORGE_API_KEY or \"api_key\" in {path} (never on the command line)");
        }

        return new ClientSettings(uri, key.Trim());
    }
}
