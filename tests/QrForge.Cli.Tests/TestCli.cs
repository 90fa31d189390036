
using System.Text.Json;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Cli.Tests;

/// <summary>What one in-process run of qrforge did.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Standard output parsed as JSON (the --info report).</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }
}

/// <summary>Runs qrforge in process through <see cref="CliApp.Run"/>.</summary>
internal static class TestCli
{
    /// <summary>Runs with standard input as a terminal (not redirected).</summary>
    public static CliResult Run(params string[] args) => RunWithStdin((byte[]?)null, args);

    /// <summary>Runs with standard input redirected from <paramref name="stdin"/> (null: a terminal).</summary>
    public static CliResult RunWithStdin(byte[]? stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var input = stdin is null ? null : new MemoryStream(stdin);
        var exitCode = CliApp.Run(args, new CliConsole(input, stdout, stderr));
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs as in a terminal that takes colours: standard input and output are not redirected.</summary>
    public static CliResult RunInColourTerminal(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = CliApp.Run(args, new CliConsole(null, stdout, stderr, TerminalColours: true));
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs with <paramref name="text"/> piped to standard input as UTF-8.</summary>
    public static CliResult RunWithStdin(string text, params string[] args) => RunWithStdin(TextEncoding.UTF8.GetBytes(text), args);
}

/// <summary>A fresh directory for one test's files, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "qrforge-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
