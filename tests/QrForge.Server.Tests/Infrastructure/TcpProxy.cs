using System.Net;
using System.Net.Sockets;

namespace QrForge.Server.Tests.Infrastructure;

/// <summary>
/// A TCP relay in front of a real server (PostgreSQL) that a test can cut: <see cref="Refuse"/> closes the relay
/// and every connection through it (a database that went down), <see cref="Stall"/> accepts connections and
/// forwards nothing (a database behind a dead network path), <see cref="Resume"/> relays again.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<Socket> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private volatile bool _stalled;

    private TcpProxy(IPEndPoint target, int port)
    {
        _target = target;
        Port = port;
    }

    public int Port { get; }

    public static TcpProxy Start(string host, int port)
    {
        var target = new IPEndPoint(Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork), port);
        var proxy = new TcpProxy(target, ProcessRunner.FreePort());
        proxy.Resume();
        return proxy;
    }

    /// <summary>Closes the listener and all relayed connections: new connections are refused.</summary>
    public void Refuse()
    {
        _listener?.Stop();
        _listener = null;
        CloseAll();
    }

    /// <summary>Closes the relayed connections; new ones are accepted but nothing is forwarded.</summary>
    public void Stall()
    {
        _stalled = true;
        CloseAll();
        EnsureListening();
    }

    public void Resume()
    {
        _stalled = false;
        EnsureListening();
    }

    private void EnsureListening()
    {
        if (_listener is not null)
        {
            return;
        }

        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            Track(client);
            if (_stalled)
            {
                continue; // held open, never answered
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Track(server);
        try
        {
            await server.ConnectAsync(_target, _stop.Token);
            using var a = new NetworkStream(client, ownsSocket: false);
            using var b = new NetworkStream(server, ownsSocket: false);
            await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
        }
        catch (Exception)
        {
            // a cut connection ends its relay
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }

    private void Track(Socket socket)
    {
        lock (_open)
        {
            _open.Add(socket);
        }
    }

    private void CloseAll()
    {
        lock (_open)
        {
            foreach (var socket in _open)
            {
                try
                {
                    socket.Close(0);
                }
                catch (ObjectDisposedException)
                {
                }
            }

            _open.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Refuse();
        _stop.Dispose();
    }
}
