using System.Diagnostics;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Encoding.Tests.Oracles;

/// <summary>What an external tool printed and returned.</summary>
internal sealed record ToolResult(int ExitCode, byte[] Stdout, string Stderr);

/// <summary>Runs an external tool with arguments passed verbatim (no shell), a byte stdin and a hard timeout.</summary>
internal static class ToolProcess
{
    public static ToolResult Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout, byte[]? stdin = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardErrorEncoding = TextEncoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Decoders print text as UTF-8 whatever the caller's locale; keep it fixed so runs are comparable.
        info.Environment["LC_ALL"] = "C.UTF-8";
        info.Environment["PYTHONIOENCODING"] = "utf-8";

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        using var stdout = new MemoryStream();
        var stdoutTask = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderrTask = process.StandardError.ReadToEndAsync();
        var stdinTask = Task.Run(() =>
        {
            try
            {
                if (stdin is not null)
                {
                    process.StandardInput.BaseStream.Write(stdin);
                }

                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The tool exited without reading all of its input; its exit code and output tell why.
            }
        });

        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{fileName} did not finish within {timeout.TotalSeconds:0} s and was killed.");
        }

        process.WaitForExit(); // drains the redirected streams
        Task.WaitAll(stdoutTask, stderrTask, stdinTask);
        return new ToolResult(process.ExitCode, stdout.ToArray(), stderrTask.Result);
    }

    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : null;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
