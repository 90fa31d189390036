using System.Diagnostics;

namespace QrForge.Server.Tests.Deploy;

/// <summary>Files of the repository the deploy tests read in place (deploy/, docs/), and the tools they run.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "QrForge.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("QrForge.slnx was not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => System.IO.File.ReadAllText(File(parts));

    /// <summary>The configuration this test run was built in (Release or Debug), from the test assembly's folder.</summary>
    public static string Configuration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    /// <summary>The path of a Debian tool, or a failure naming the package that ./build.sh test installs.</summary>
    public static string Tool(string name, string package, params string[] folders)
    {
        foreach (var folder in folders.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)).Append("/usr/sbin"))
        {
            var path = Path.Combine(folder, name);
            if (System.IO.File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"{name} was not found: install Debian's {package} package (./build.sh test does).");
    }

    /// <summary>Runs a tool to completion and returns its exit code and output (both streams).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> args, string? workingDirectory = null, int timeoutSeconds = 120)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Root,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
