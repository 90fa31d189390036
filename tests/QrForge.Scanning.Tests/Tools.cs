using System.Diagnostics;

namespace QrForge.Scanning.Tests;

/// <summary>
/// Runs the Debian tools the tests compare against: qrencode, python3-segno (through /usr/bin/python3), zbarimg
/// (zbar-tools) and ZXingReader (zxing-cpp-tools). They are required; a missing one fails the test with its package name.
/// </summary>
internal static class Tools
{
    public const string Python = "/usr/bin/python3";

    public static string Run(string file, params string[] arguments) => Run(file, arguments, out _);

    public static string Run(string file, IEnumerable<string> arguments, out int exitCode)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"{file} is missing: install the Debian packages qrencode, python3-segno, zbar-tools and zxing-cpp-tools.", e);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            exitCode = process.ExitCode;
            _ = error.Result;
            return output;
        }
    }

    /// <summary>A fresh directory under the system temp folder, removed with the returned handle.</summary>
    public static TempDirectory TempDirectory() => new();
}

internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "qrforge-scan-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
