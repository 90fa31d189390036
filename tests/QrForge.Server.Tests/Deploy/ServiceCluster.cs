using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Deploy;

/// <summary>
/// Three service processes (the built QrForge.Server.dll) on loopback ports behind Debian's nginx, sharing one
/// PostgreSQL database and one Redis. nginx runs the shipped deploy/nginx/nginx.conf with only the addresses, the
/// edge rate (raised so the edge does not throttle the test's load) and the file locations changed.
/// </summary>
public sealed partial class ServiceCluster : IAsyncLifetime
{
    public const string AdminEmail = "ops@example.com";
    public const string AdminPassword = "a long enough test password";

    /// <summary>Anonymous requests each node allows per client and minute (the service default is 600).</summary>
    public const int AnonymousLimit = 60;

    public const double StalenessSeconds = 2;

    private readonly string _folder = Directory.CreateTempSubdirectory("qrforge-cluster-").FullName;
    private readonly Node[] _nodes = [new(0), new(1), new(2)];
    private string _connectionString = null!;
    private RedisServer _redis = null!;
    private Process? _nginx;

    public int NginxPort { get; } = ProcessRunner.FreePort();

    public Uri Edge => new($"http://127.0.0.1:{NginxPort}");

    public IReadOnlyList<Uri> Nodes => [.. _nodes.Select(n => n.Address)];

    public async Task InitializeAsync()
    {
        _connectionString = await (await PostgresServer.SharedAsync).CreateDatabaseAsync();
        _redis = await RedisServer.StartAsync();
        // The first node migrates the database and makes the admin; the others start on it. One at a time: three
        // processes compiling their start-up code at once on a small machine starve each other.
        foreach (var node in _nodes)
        {
            await StartAsync(node);
        }

        await StartNginxAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.Process?.Kill(entireProcessTree: true);
            node.Process?.Dispose();
        }

        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync();
        }

        _nginx?.Dispose();
        _redis.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Stops node <paramref name="index"/> as an orchestrator does (SIGTERM: it drains and exits), then starts it again and waits until it is ready.</summary>
    public async Task RestartAsync(int index)
    {
        var node = _nodes[index];
        var process = node.Process!;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        process.Dispose();
        await StartAsync(node);
    }

    /// <summary>A client whose connections come from <paramref name="sourceAddress"/> (in 127.0.0.0/8), so each test is its own client to the rate limits.</summary>
    public static HttpClient Client(Uri baseAddress, string sourceAddress = "127.0.0.1", string? token = null)
    {
        var source = IPAddress.Parse(sourceAddress);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }

    /// <summary>Signs the bootstrap admin in on <paramref name="node"/> and returns an access token.</summary>
    public static async Task<string> TokenAsync(Uri node)
    {
        using var client = Client(node);
        var pair = await Json.PostAsync(client, "/api/v1/auth/login", $$"""{"email":"{{AdminEmail}}","password":"{{AdminPassword}}"}""", HttpStatusCode.OK);
        return (string)pair["access_token"]!;
    }

    private async Task StartAsync(Node node)
    {
        var dll = Repository.File("src", "QrForge.Server", "bin", Repository.Configuration, "net10.0", "QrForge.Server.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution first (./build.sh test does).");
        }

        var psi = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", node.Address.ToString().TrimEnd('/') },
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var env = psi.Environment;
        env["QrForge__Database__Provider"] = "postgres";
        env["QrForge__Database__ConnectionString"] = _connectionString;
        env["QrForge__Redis__Configuration"] = _redis.Configuration;
        env["QrForge__Cleanup__Enabled"] = "false";
        env["QrForge__Edge__KnownProxies__0"] = "127.0.0.1";
        env["QrForge__Edge__RateLimits__Anonymous__PermitLimit"] = AnonymousLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["QrForge__Edge__RateLimits__Authenticated__PermitLimit"] = "1000000";
        env["QrForge__Links__StalenessSeconds"] = StalenessSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["QrForge__Links__VisitorHashSecret"] = "the same on every node";
        env["QRFORGE_BOOTSTRAP_ADMIN_EMAIL"] = AdminEmail;
        env["QRFORGE_BOOTSTRAP_ADMIN_PASSWORD"] = AdminPassword;
        env["Logging__Format"] = "text";
        env["Logging__LogLevel__Default"] = "Warning";
        env["DOTNET_gcServer"] = "0";
        var process = Process.Start(psi) ?? throw new InvalidOperationException("the service did not start");
        process.OutputDataReceived += (_, e) => node.Log(e.Data);
        process.ErrorDataReceived += (_, e) => node.Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        node.Process = process;
        ProcessRunner.WhenThisProcessEnds($"kill -9 {process.Id} 2>/dev/null");

        using var client = Client(node.Address);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(180);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"node {node.Index} exited ({process.ExitCode}): {node.LastLines()}");
            }

            try
            {
                using var ready = await client.GetAsync("/ready");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"node {node.Index} was not ready in 180 s: {node.LastLines()}");
            }

            await Task.Delay(200);
        }
    }

    private async Task StartNginxAsync()
    {
        var nginx = Repository.Tool("nginx", "nginx", "/usr/sbin");
        var shipped = Repository.Read("deploy", "nginx", "nginx.conf");
        var servers = string.Join("\n", _nodes.Select(n => $"        server 127.0.0.1:{n.Address.Port} max_fails=1 fail_timeout=2s;"));
        var config = UpstreamServers().Replace(shipped, servers + "\n", 1);
        config = config
            .Replace("listen 80;", $"listen 127.0.0.1:{NginxPort};", StringComparison.Ordinal)
            .Replace("worker_processes auto;", $"worker_processes 1;\npid {_folder}/nginx.pid;\nerror_log {_folder}/error.log warn;{(ProcessRunner.IsRoot ? "\nuser root;" : "")}", StringComparison.Ordinal)
            .Replace("include qrforge-locations.conf;", $"include {Repository.File("deploy", "nginx", "qrforge-locations.conf")};", StringComparison.Ordinal)
            .Replace("http {", $"http {{\n    access_log off;\n    client_body_temp_path {_folder}/body;\n    proxy_temp_path {_folder}/proxy;\n    fastcgi_temp_path {_folder}/fastcgi;\n    uwsgi_temp_path {_folder}/uwsgi;\n    scgi_temp_path {_folder}/scgi;", StringComparison.Ordinal);
        // The edge's own per-client rate is the shipped one in production; here the load must not be throttled by it.
        config = EdgeRate().Replace(config, "rate=100000r/s");
        Assert.Contains($"listen 127.0.0.1:{NginxPort};", config, StringComparison.Ordinal);
        var file = Path.Combine(_folder, "nginx.conf");
        await File.WriteAllTextAsync(file, config);
        var psi = new ProcessStartInfo(nginx)
        {
            ArgumentList = { "-p", _folder, "-c", file, "-e", Path.Combine(_folder, "error.log"), "-g", "daemon off;" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _nginx = Process.Start(psi) ?? throw new InvalidOperationException("nginx did not start");
        _nginx.OutputDataReceived += (_, _) => { };
        _nginx.ErrorDataReceived += (_, _) => { };
        _nginx.BeginOutputReadLine();
        _nginx.BeginErrorReadLine();
        ProcessRunner.WhenThisProcessEnds($"kill -9 {_nginx.Id} 2>/dev/null");
        try
        {
            await ProcessRunner.WaitForPortAsync(NginxPort, TimeSpan.FromSeconds(20));
        }
        catch (SocketException)
        {
            var log = Path.Combine(_folder, "error.log");
            throw new InvalidOperationException("nginx did not start: " + (File.Exists(log) ? await File.ReadAllTextAsync(log) : "no log"));
        }
    }

    [GeneratedRegex(@"^([ \t]*server 127\.0\.0\.1:\d+[^\n]*\n)+", RegexOptions.Multiline)]
    private static partial Regex UpstreamServers();

    [GeneratedRegex(@"rate=\d+r/s")]
    private static partial Regex EdgeRate();

    private sealed class Node(int index)
    {
        private readonly Queue<string> _lines = new();

        public int Index { get; } = index;

        public Uri Address { get; } = new($"http://127.0.0.1:{ProcessRunner.FreePort()}");

        public Process? Process { get; set; }

        public void Log(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_lines)
            {
                _lines.Enqueue(line);
                while (_lines.Count > 30)
                {
                    _lines.Dequeue();
                }
            }
        }

        public string LastLines()
        {
            lock (_lines)
            {
                return string.Join(" | ", _lines);
            }
        }
    }
}
