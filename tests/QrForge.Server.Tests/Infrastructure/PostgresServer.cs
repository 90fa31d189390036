using Npgsql;

namespace QrForge.Server.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL cluster for the test run: initdb in a temporary folder, started with pg_ctl on a
/// free port, stopped when the test process exits. Each test class gets its own database.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Instance = new(StartAsync);
    private static int _databases;

    private PostgresServer(string bin, string dataDir, int port)
    {
        Bin = bin;
        DataDir = dataDir;
        Port = port;
    }

    public static Task<PostgresServer> SharedAsync => Instance.Value;

    public string Bin { get; }

    public string DataDir { get; }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=5;Connection Idle Lifetime=2;Connection Pruning Interval=1";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"qrforge_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBin();
        var root = Path.Combine(Path.GetTempPath(), $"qrforge-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(data);
        const string User = "postgres";
        if (ProcessRunner.IsRoot)
        {
            await ProcessRunner.RunAsync("chown", ["-R", $"{User}:{User}", root]);
        }

        var owner = ProcessRunner.IsRoot ? User : null;
        await ProcessRunner.RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"], owner, 120);
        var port = ProcessRunner.FreePort();
        var options = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000";
        await ProcessRunner.RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(root, "log"), "-w", "-t", "60", "start"], owner, 90);
        var server = new PostgresServer(bin, data, port);
        var stop = $"{Path.Combine(bin, "pg_ctl")} -D {data} -m immediate stop";
        ProcessRunner.WhenThisProcessEnds($"{(owner is null ? stop : $"runuser -u {owner} -- {stop}")} >/dev/null 2>&1; rm -rf {root}");
        return server;
    }

    private static string FindBin()
    {
        const string Root = "/usr/lib/postgresql";
        var bin = Directory.Exists(Root)
            ? Directory.GetDirectories(Root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException("PostgreSQL server binaries were not found under /usr/lib/postgresql: install Debian's postgresql package (./build.sh test does).");
    }
}
