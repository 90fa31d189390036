using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace QrForge.Server.Tests.Infrastructure;

/// <summary>
/// The service on Kestrel at a loopback port (SQLite unless asked otherwise, fake clock), so that requests arrive over TCP from real
/// client addresses: Linux routes all of 127.0.0.0/8 to the loopback interface, so a client socket bound to
/// 127.0.0.2, 127.0.0.3, … connects from that address.
/// </summary>
public sealed class KestrelHost : IAsyncDisposable
{
    private readonly QrForgeFactory _root;
    private readonly WebApplicationFactory<Program> _factory;
    private readonly List<HttpClient> _clients = [];

    private KestrelHost(QrForgeFactory root, WebApplicationFactory<Program> factory, Uri baseAddress)
    {
        _root = root;
        _factory = factory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _factory.Services;

    public FakeTimeProvider Clock => _root.Clock;

    /// <summary>An access token of a new user with the role (hosts started without test services).</summary>
    public async Task<string> AccessTokenAsync(string role) => (await _root.SignInAsync(role)).AccessToken;

    /// <param name="settings">Configuration on top of <see cref="QrForgeFactory"/>'s.</param>
    /// <param name="services">Test services (e.g. an authentication handler), or null.</param>
    /// <param name="database">The database (SQLite unless a test needs both).</param>
    public static async Task<KestrelHost> StartAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null, Database database = Database.Sqlite)
    {
        var root = await QrForgeFactory.CreateAsync(database, extra: settings);
        var factory = services is null ? root : root.WithWebHostBuilder(b => b.ConfigureTestServices(services));
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new KestrelHost(root, factory, new Uri(address));
    }

    /// <summary>A client whose connections come from <paramref name="sourceAddress"/> (an address in 127.0.0.0/8).</summary>
    public HttpClient CreateClient(string sourceAddress)
    {
        var source = IPAddress.Parse(sourceAddress);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _factory.DisposeAsync();
        if (!ReferenceEquals(_factory, _root))
        {
            await _root.DisposeAsync();
        }
    }
}
