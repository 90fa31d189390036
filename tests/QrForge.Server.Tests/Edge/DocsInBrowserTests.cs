using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Edge;

/// <summary>
/// The API reference at <c>/docs/</c> under its Content-Security-Policy in a real browser (headless Chromium, Debian
/// package <c>chromium-headless-shell</c>): it must render the API without a single CSP violation, and the same
/// page under a policy without the script hashes must be reported as violating (the check can fail).
/// </summary>
public sealed class DocsInBrowserTests
{
    private const string Chromium = "/usr/bin/chromium-headless-shell";

    private static async Task<(string Dom, string Console)> LoadAsync(Uri url)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium-headless-shell (./build.sh test installs it)");
        var profile = Directory.CreateTempSubdirectory("qrforge-chromium-");
        try
        {
            var psi = new ProcessStartInfo(Chromium)
            {
                ArgumentList =
                {
                    "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={profile.FullName}",
                    "--enable-logging=stderr", "--v=0", "--virtual-time-budget=15000", "--dump-dom", url.ToString(),
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(psi)!;
            var dom = process.StandardOutput.ReadToEndAsync();
            var console = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("Chromium did not finish loading /docs/ in 90 s");
            }

            return (await dom, await console);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static List<string> Violations(string console) =>
        [.. console.Split('\n').Where(l => l.Contains("Content Security Policy", StringComparison.Ordinal))];

    [Fact]
    public async Task Docs_RenderInChromiumWithoutCspViolations()
    {
        await using var host = await KestrelHost.StartAsync([]);
        var (dom, console) = await LoadAsync(new Uri(host.BaseAddress, "/docs/"));
        Assert.Empty(Violations(console));
        // Rendered by the script (the served HTML is an empty <div id="app">): the API's operations are listed.
        // Scalar renders the first tags eagerly: sign-in comes first.
        Assert.Contains("/api/v1/auth/login", dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docs_WithoutTheScriptHashes_AreReportedAsViolating()
    {
        // Negative control: a test-only filter replaces the page's policy by one that allows only script files.
        await using var host = await KestrelHost.StartAsync([], services => services.AddSingleton<IStartupFilter, WeakenDocsPolicy>());
        var (dom, console) = await LoadAsync(new Uri(host.BaseAddress, "/docs/"));
        Assert.Contains(Violations(console), l => l.Contains("inline script", StringComparison.Ordinal));
        Assert.DoesNotContain("/api/v1/auth/login", dom, StringComparison.Ordinal);
    }

    private sealed class WeakenDocsPolicy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                // Registered before the edge's callback, so it runs after it (callbacks run last-in first-out).
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'";
                    return Task.CompletedTask;
                });
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
