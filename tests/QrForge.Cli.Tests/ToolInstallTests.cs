using System.Diagnostics;

namespace QrForge.Cli.Tests;

/// <summary>
/// qrforge installs as a .NET tool, as docs/cli.md says: pack the project to a local folder, install it from there
/// into a tool path, and run the installed <c>qrforge</c> command.
/// </summary>
public sealed class ToolInstallTests
{
    [Fact]
    public async Task DotnetToolInstall_LocallyPackedPackage_RunsQrforgeEncode()
    {
        using var dir = new TempDirectory();
        var packages = Directory.CreateDirectory(dir.File("packages")).FullName;
        var tools = dir.File("tools");
        var project = Path.Combine(RepositoryRoot(), "src", "QrForge.Cli", "QrForge.Cli.csproj");

        var pack = await RunAsync(Dotnet, "pack", project, "-c", "Release", "-o", packages, "--nologo", "-v", "quiet");
        Assert.True(pack.ExitCode == 0, pack.Stdout + pack.Stderr);
        var install = await RunAsync(Dotnet, "tool", "install", "--tool-path", tools, "--add-source", packages, "QrForge.Cli");
        Assert.True(install.ExitCode == 0, install.Stdout + install.Stderr);

        var encode = await RunAsync(Path.Combine(tools, "qrforge"), "encode", "HELLO WORLD", "--ecc", "Q", "--info");
        Assert.True(encode.ExitCode == 0, encode.Stderr);
        Assert.Contains("\"version\": 1", encode.Stdout, StringComparison.Ordinal);
    }

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "QrForge.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("QrForge.slnx not found above " + AppContext.BaseDirectory);
    }

    private static async Task<CliResult> RunAsync(string fileName, params string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
