using System.Diagnostics;

namespace QrForge.Server.Tests.Infrastructure;

/// <summary>A redis-server process on a free port that a test can stop and start again (same port).</summary>
public sealed class RedisServer : IDisposable
{
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(ProcessRunner.FreePort());
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        const string Binary = "/usr/bin/redis-server";
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException("redis-server was not found: install Debian's redis-server package (./build.sh test does).");
        }

        var psi = new ProcessStartInfo(Binary)
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(psi) ?? throw new InvalidOperationException("redis-server did not start");
        ProcessRunner.WhenThisProcessEnds($"pkill -9 -f 'redis-server 127.0.0.1:{Port}' 2>/dev/null");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        await ProcessRunner.WaitForPortAsync(Port, TimeSpan.FromSeconds(20));
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();
}
