using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace QrForge.Server.Tests.Infrastructure;

/// <summary>Runs the helper programs the integration tests start (initdb, pg_ctl, redis-server).</summary>
internal static class ProcessRunner
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Runs a program to completion (as <paramref name="user"/> via runuser when given and we are root).</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, string? user = null, int timeoutSeconds = 60)
    {
        var psi = user is not null && IsRoot
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", user, "--", file } }
            : new ProcessStartInfo(file);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeoutSeconds} s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }

        return await stdout;
    }

    /// <summary>
    /// Runs <paramref name="shellCommand"/> once this test process has gone, however it ends (a test host may be
    /// killed rather than exit): a detached shell polls for our process id. Cleans up servers the run started.
    /// </summary>
    public static void WhenThisProcessEnds(string shellCommand)
    {
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {shellCommand}";
        var psi = new ProcessStartInfo("setsid")
        {
            ArgumentList = { "-f", "sh", "-c", script },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(100);
            }
        }
    }
}
