using System.Threading.Channels;
using Microsoft.Extensions.Options;
using QrForge.Server.Links;
using QrForge.Server.Operations;

namespace QrForge.Server.Scans;

/// <summary>
/// The bounded in-process queue between the redirect and <see cref="ScanWriter"/>. Adding never waits and
/// never fails: when the queue is full (the database is far behind) or closed (shutting down), the scan is
/// dropped and counted in <c>qrforge.scans.dropped</c>.
/// </summary>
public sealed class PendingScans
{
    private readonly Channel<ScanEvent> _channel;
    private readonly QrForgeMetrics _metrics;
    private long _accepted;
    private long _processed;

    public PendingScans(IOptions<LinksOptions> options, QrForgeMetrics metrics)
    {
        _metrics = metrics;
        _channel = Channel.CreateBounded<ScanEvent>(new BoundedChannelOptions(options.Value.ScanQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: a full queue refuses instead of evicting
        });
    }

    internal ChannelReader<ScanEvent> Reader => _channel.Reader;

    /// <summary>Scans accepted so far.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Scans written or given up on so far.</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Queues a scan; false (and counted as dropped) when the queue is full or closed.</summary>
    public bool TryAdd(in ScanEvent scan)
    {
        if (_channel.Writer.TryWrite(scan))
        {
            Interlocked.Increment(ref _accepted);
            return true;
        }

        _metrics.ScanDropped("queue_full");
        return false;
    }

    /// <summary>Waits until every scan accepted before the call is written (or given up on).</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        var target = Accepted;
        while (Processed < target)
        {
            await Task.Delay(5, ct);
        }
    }

    internal void Complete() => _channel.Writer.TryComplete();

    internal void MarkProcessed(int count) => Interlocked.Add(ref _processed, count);
}
