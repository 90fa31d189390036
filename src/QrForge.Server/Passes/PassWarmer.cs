using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using QrForge.Server.Storage;

namespace QrForge.Server.Passes;

/// <summary>
/// Pre-renders every active pass image of an event into the cache, in the background, rendering in parallel
/// (four images in flight per processor unless configured). Jobs and their progress live in this node's memory
/// (the last 100 are kept); poll the node that accepted the job.
/// </summary>
public sealed class PassWarmer(IServiceScopeFactory scopes, HybridCache cache, TimeProvider clock, IOptions<PassesOptions> options, IHostApplicationLifetime lifetime, ILogger<PassWarmer> logger)
{
    private const int KeptJobs = 100;

    private readonly ConcurrentDictionary<Guid, WarmJob> _jobs = new();

    /// <summary>Starts a job and returns it at once.</summary>
    public WarmJobStatus Start(Guid tenantId, Guid eventId, IReadOnlyList<string> formats)
    {
        var job = new WarmJob(Guid.CreateVersion7(clock.GetUtcNow()), tenantId, eventId, formats, clock.GetUtcNow().UtcDateTime, clock.GetTimestamp());
        _jobs[job.Id] = job;
        foreach (var old in _jobs.Values.OrderByDescending(j => j.Id).Skip(KeptJobs))
        {
            _jobs.TryRemove(old.Id, out _);
        }

        job.Task = Task.Run(() => RunAsync(job, lifetime.ApplicationStopping));
        return Status(job);
    }

    /// <summary>A job of the tenant, or null.</summary>
    public WarmJobStatus? Find(Guid tenantId, Guid eventId, Guid jobId) =>
        _jobs.TryGetValue(jobId, out var job) && job.TenantId == tenantId && job.EventId == eventId ? Status(job) : null;

    /// <summary>Waits for a job to finish (tests and benchmarks).</summary>
    public Task WaitAsync(Guid jobId) => _jobs.TryGetValue(jobId, out var job) && job.Task is { } task ? task : Task.CompletedTask;

    private async Task RunAsync(WarmJob job, CancellationToken stopping)
    {
        try
        {
            List<(Guid Id, string Token, string Jwt)> passes;
            await using (var scope = scopes.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<TenantContext>().TenantId = job.TenantId;
                var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
                passes = (await db.Passes.AsNoTracking()
                    .Where(p => p.EventId == job.EventId && p.RevokedAt == null)
                    .Select(p => new { p.Id, p.Token, p.Jwt })
                    .ToListAsync(stopping)).Select(p => (p.Id, p.Token, p.Jwt)).ToList();
            }

            job.Total = passes.Count * job.Formats.Count;
            // Rendering is CPU work, writing to Redis is waiting: four items in flight per processor keep both busy.
            var parallelism = options.Value.WarmParallelism is > 0 and var n ? n : 4 * Environment.ProcessorCount;
            await Parallel.ForEachAsync(passes, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = stopping }, async (pass, ct) =>
            {
                foreach (var format in job.Formats)
                {
                    try
                    {
                        var image = PassService.Render(pass.Token, format);
                        await cache.SetAsync(
                            PassService.ImageKey(job.TenantId, pass.Id, PassTokenFormat.Compact, format),
                            image, PassService.ImageCacheEntry, [PassService.Tag(job.TenantId, pass.Id)], ct);
                        Interlocked.Increment(ref job.Done);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        Interlocked.Increment(ref job.Failed);
                        PassLog.WarmItemFailed(logger, pass.Id, e);
                    }
                }
            });
            job.State = "done";
        }
        catch (Exception e)
        {
            job.State = "failed";
            job.Error = e is OperationCanceledException ? "stopped: the service shut down" : "the job failed; see the service log";
            PassLog.WarmFailed(logger, job.Id, e);
        }
        finally
        {
            job.Elapsed = clock.GetElapsedTime(job.StartTimestamp);
            job.FinishedAt = clock.GetUtcNow().UtcDateTime;
        }
    }

    private WarmJobStatus Status(WarmJob job)
    {
        var elapsed = job.FinishedAt is null ? clock.GetElapsedTime(job.StartTimestamp) : job.Elapsed;
        var done = Volatile.Read(ref job.Done);
        var rate = elapsed > TimeSpan.Zero ? Math.Round(done / elapsed.TotalSeconds, 1) : 0;
        return new WarmJobStatus(job.Id, job.EventId, job.State, job.Formats, job.Total, done, Volatile.Read(ref job.Failed), rate, job.StartedAt, job.FinishedAt, job.Error);
    }

    private sealed class WarmJob(Guid id, Guid tenantId, Guid eventId, IReadOnlyList<string> formats, DateTime startedAt, long startTimestamp)
    {
#pragma warning disable CA1051 // Counters updated with Interlocked.
        public int Done;
        public int Failed;
#pragma warning restore CA1051

        public Guid Id { get; } = id;

        public Guid TenantId { get; } = tenantId;

        public Guid EventId { get; } = eventId;

        public IReadOnlyList<string> Formats { get; } = formats;

        public DateTime StartedAt { get; } = startedAt;

        public long StartTimestamp { get; } = startTimestamp;

        public volatile string State = "running";

        public int Total { get; set; }

        public DateTime? FinishedAt { get; set; }

        public TimeSpan Elapsed { get; set; }

        public string? Error { get; set; }

        public Task? Task { get; set; }
    }
}

internal static partial class PassLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming the image of pass {PassId} failed.")]
    public static partial void WarmItemFailed(ILogger logger, Guid passId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Warming job {JobId} failed.")]
    public static partial void WarmFailed(ILogger logger, Guid jobId, Exception exception);
}
