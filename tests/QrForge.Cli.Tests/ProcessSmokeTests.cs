using System.Diagnostics;
using System.Text.Json;

namespace QrForge.Cli.Tests;

/// <summary>The one test that runs the built qrforge.dll as a real process: Program.cs wiring and exit codes.</summary>
public sealed class ProcessSmokeTests
{
    [Fact]
    public async Task Process_InfoAndBadArgument_ExitCodesAndOutput()
    {
        var ok = await RunAsync("encode", "HELLO WORLD", "--ecc", "Q", "--info");
        Assert.True(ok.ExitCode == 0, ok.Stderr);
        using (var info = JsonDocument.Parse(ok.Stdout))
        {
            Assert.Equal(1, info.RootElement.GetProperty("version").GetInt32());
        }

        var bad = await RunAsync("encode", "HELLO", "--mask", "9");
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("qrforge: --mask", bad.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_DbMigrateWithInformationLogs_KeepsLogLinesOffStandardOutput()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "qrforge.db");
        var result = await RunAsync(
            "db", "migrate", "--", $"--QrForge:Database:ConnectionString=Data Source={db}", "--Logging:Format=text",
            "--Logging:LogLevel:Default=Information", "--Logging:LogLevel:Microsoft=Information", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Information");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("Database migrated.", result.Stdout.Trim());
        Assert.Contains("migration", result.Stderr, StringComparison.OrdinalIgnoreCase); // the log lines exist, on standard error
    }

    private static async Task<CliResult> RunAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "qrforge.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close(); // redirected and empty: TEXT is given, so it is not read
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
