using System.Diagnostics;
using System.Net;
using QrForge.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace QrForge.Server.Tests.Deploy;

/// <summary>
/// Three nodes behind nginx on one PostgreSQL and one Redis (<see cref="ServiceCluster"/>): what one node writes
/// every node serves, a link edit reaches every node within the staleness bound, the per-node rate limits multiply
/// by the node count (docs/operations.md says so), and a rolling restart under load fails no request.
/// </summary>
public sealed class MultiNodeTests(ServiceCluster cluster, ITestOutputHelper output) : IClassFixture<ServiceCluster>
{
    [Fact]
    public async Task CodeCreatedThroughOneNode_IsServedByEveryNode()
    {
        var token = await ServiceCluster.TokenAsync(cluster.Nodes[0]);
        using var first = ServiceCluster.Client(cluster.Nodes[0], "127.0.0.11", token);
        var id = (string)(await Json.PostAsync(first, "/api/v1/codes", """{"data":"made on node 0"}"""))["id"]!;
        foreach (var node in cluster.Nodes)
        {
            using var client = ServiceCluster.Client(node, "127.0.0.11", token);
            var code = await Json.ReadAsync(await client.GetAsync($"/api/v1/codes/{id}"));
            Assert.Equal("made on node 0", (string)code["data"]!);
            using var image = await client.GetAsync($"/api/v1/codes/{id}/image.png");
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        }
    }

    [Fact]
    public async Task LinkEdit_OnOneNode_IsSeenByEveryNodeWithinTheStalenessBound()
    {
        var token = await ServiceCluster.TokenAsync(cluster.Nodes[0]);
        using var editor = ServiceCluster.Client(cluster.Nodes[0], "127.0.0.12", token);
        var link = await Json.PostAsync(editor, "/api/v1/links", """{"destination":"https://example.com/before"}""");
        var slug = (string)link["slug"]!;
        var clients = cluster.Nodes.Select(n => ServiceCluster.Client(n, "127.0.0.12")).ToList();
        try
        {
            // Every node serves (and caches) the old destination first.
            foreach (var client in clients)
            {
                Assert.Equal("https://example.com/before", await LocationAsync(client, slug));
            }

            using var other = ServiceCluster.Client(cluster.Nodes[1], "127.0.0.12", token);
            using var patched = await Json.PatchAsync(other, $"/api/v1/links/{link["id"]}", """{"destination":"https://example.com/after"}""");
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
            var edited = Stopwatch.StartNew();
            var seen = new TimeSpan[clients.Count];
            for (var i = 0; i < clients.Count; i++)
            {
                while (await LocationAsync(clients[i], slug) != "https://example.com/after")
                {
                    Assert.True(edited.Elapsed < TimeSpan.FromSeconds(30), $"node {i} still redirects to the old destination after 30 s");
                    await Task.Delay(250);
                }

                seen[i] = edited.Elapsed;
            }

            output.WriteLine($"new destination seen after {string.Join(", ", seen.Select(s => $"{s.TotalSeconds:0.00} s"))} (bound {ServiceCluster.StalenessSeconds} s)");
            // The bound, plus slack for polling and a machine shared with other builds.
            Assert.All(seen, s => Assert.True(s.TotalSeconds <= ServiceCluster.StalenessSeconds + 3, $"{s.TotalSeconds:0.00} s"));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task RateLimits_PerNode_AllowAtMostTheNodeCountTimesTheLimit()
    {
        using var client = ServiceCluster.Client(cluster.Edge, "127.0.0.13");
        var allowed = 0;
        var limited = 0;
        for (var i = 0; i < ServiceCluster.AnonymousLimit * 4; i++)
        {
            using var response = await client.GetAsync("/r/no-such-slug");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited++;
            }
            else
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                allowed++;
            }
        }

        output.WriteLine($"{allowed} allowed, {limited} limited; per-node limit {ServiceCluster.AnonymousLimit}, {cluster.Nodes.Count} nodes");
        // The service counts per node: one client gets up to nodes × limit (the factor docs/operations.md states;
        // the edge's own limit is the one that holds across nodes). Never more.
        Assert.InRange(allowed, ServiceCluster.AnonymousLimit + 1, ServiceCluster.AnonymousLimit * cluster.Nodes.Count);
        Assert.True(limited > 0);
    }

    [Fact]
    public async Task RollingRestart_UnderSteadyLoad_FailsNoRequest()
    {
        var token = await ServiceCluster.TokenAsync(cluster.Nodes[0]);
        using var setup = ServiceCluster.Client(cluster.Edge, "127.0.0.14", token);
        var id = (string)(await Json.PostAsync(setup, "/api/v1/codes", """{"data":"steady"}"""))["id"]!;

        using var stop = new CancellationTokenSource();
        var ok = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            using var client = ServiceCluster.Client(cluster.Edge, "127.0.0.14", token);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync($"/api/v1/codes/{id}", CancellationToken.None);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref ok);
                    }
                    else
                    {
                        failures.Enqueue($"{(int)response.StatusCode}");
                    }
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue(e.Message);
                }

                await Task.Delay(20, CancellationToken.None);
            }
        })).ToArray();

        var watch = Stopwatch.StartNew();
        for (var node = 0; node < cluster.Nodes.Count; node++)
        {
            await cluster.RestartAsync(node);
            await Task.Delay(500); // the next node goes once this one serves again (nginx retries it after fail_timeout)
        }

        await stop.CancelAsync();
        await Task.WhenAll(load);
        output.WriteLine($"rolling restart of {cluster.Nodes.Count} nodes in {watch.Elapsed.TotalSeconds:0.0} s: {ok} requests served, {failures.Count} failed");
        Assert.True(failures.IsEmpty, string.Join("; ", failures.Take(5)));
        Assert.True(ok > 100, $"only {ok} requests were made");
    }

    private static async Task<string?> LocationAsync(HttpClient client, string slug)
    {
        using var response = await client.GetAsync($"/r/{slug}");
        Assert.True(response.StatusCode is HttpStatusCode.Found or HttpStatusCode.MovedPermanently or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect, $"{(int)response.StatusCode}");
        return response.Headers.Location?.OriginalString;
    }
}
