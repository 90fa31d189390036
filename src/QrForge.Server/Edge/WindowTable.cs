using System.Collections.Concurrent;
using System.Diagnostics;

namespace QrForge.Server.Edge;

/// <summary>
/// Fixed-window request counters for at most <c>capacity</c> clients of one policy, plus one overflow window
/// shared by every client that arrives while the table is full.
/// </summary>
/// <remarks>
/// Unlike the platform's <c>PartitionedRateLimiter.Create</c>, which keeps a limiter per key (and replenishes
/// every one of them on a timer), a window here is two numbers updated when its client makes a request: a
/// window whose time is up restarts with its next request. <see cref="Sweep"/> removes windows whose time is up
/// (they hold no information) and so makes room for new clients. Times are <see cref="TimeProvider"/>
/// timestamps. Thread-safe.
/// </remarks>
internal sealed class WindowTable<TKey>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, ClientWindow> _windows = new();
    private readonly ClientWindow _overflow;
    private readonly int _capacity;
    private readonly int _permitLimit;
    private readonly int _overflowPermitLimit;
    private readonly long _length;
    private int _count;

    /// <param name="capacity">Most clients tracked (≥ 1).</param>
    /// <param name="permitLimit">Requests per window and client (≥ 1).</param>
    /// <param name="overflowPermitLimit">Requests per window shared by the clients of the overflow window (≥ 1).</param>
    /// <param name="length">Window length in timestamp units (≥ 1).</param>
    /// <param name="now">The current timestamp.</param>
    public WindowTable(int capacity, int permitLimit, int overflowPermitLimit, long length, long now)
    {
        Debug.Assert(capacity >= 1 && permitLimit >= 1 && overflowPermitLimit >= 1 && length >= 1);
        _capacity = capacity;
        _permitLimit = permitLimit;
        _overflowPermitLimit = overflowPermitLimit;
        _length = length;
        _overflow = new ClientWindow(now);
    }

    /// <summary>Clients tracked now (never more than the capacity).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Counts one request of <paramref name="key"/>. Returns 0 when it is allowed, else the timestamp units until
    /// the client's window ends. <paramref name="window"/> is where it was counted (see <see cref="ClientWindow.Return"/>).
    /// </summary>
    public long TryTake(TKey key, long now, out ClientWindow window)
    {
        while (true)
        {
            window = Find(key, now);
            var limit = ReferenceEquals(window, _overflow) ? _overflowPermitLimit : _permitLimit;
            var wait = window.TryTake(now, limit, _length);
            if (wait != ClientWindow.Retired)
            {
                return wait;
            }

            // The sweep retired this window between the look-up and the lock: drop it and look again.
            Remove(key, window);
        }
    }

    /// <summary>Removes the windows whose time is up; a later request of such a client starts afresh anyway.</summary>
    public void Sweep(long now)
    {
        foreach (var (key, window) in _windows)
        {
            if (window.TryRetire(now, _length))
            {
                Remove(key, window);
            }
        }
    }

    private ClientWindow Find(TKey key, long now)
    {
        if (_windows.TryGetValue(key, out var window))
        {
            return window;
        }

        if (Interlocked.Increment(ref _count) > _capacity)
        {
            Interlocked.Decrement(ref _count);
            return _overflow;
        }

        var fresh = new ClientWindow(now);
        var stored = _windows.GetOrAdd(key, fresh);
        if (!ReferenceEquals(stored, fresh))
        {
            Interlocked.Decrement(ref _count); // another request of the same client added it first
        }

        return stored;
    }

    private void Remove(TKey key, ClientWindow window)
    {
        // Only the caller whose removal succeeds releases the slot, so the count stays exact.
        if (_windows.TryRemove(new KeyValuePair<TKey, ClientWindow>(key, window)))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}

/// <summary>One client's window: when it started and how many requests it has counted.</summary>
internal sealed class ClientWindow(long start)
{
    /// <summary>Returned by <see cref="TryTake"/> for a window the sweep has removed.</summary>
    public const long Retired = -1;

    private long _start = start;
    private int _count;
    private bool _retired;

    public long TryTake(long now, int limit, long length)
    {
        lock (this)
        {
            if (_retired)
            {
                return Retired;
            }

            if (now - _start >= length)
            {
                _start = now;
                _count = 0;
            }

            if (_count < limit)
            {
                _count++;
                return 0;
            }

            return Math.Max(1, _start + length - now);
        }
    }

    public void Return()
    {
        lock (this)
        {
            if (_count > 0)
            {
                _count--;
            }
        }
    }

    public bool TryRetire(long now, long length)
    {
        lock (this)
        {
            if (now - _start >= length)
            {
                _retired = true;
            }

            return _retired;
        }
    }
}
