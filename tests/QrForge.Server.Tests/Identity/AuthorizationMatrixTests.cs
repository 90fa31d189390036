using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Identity;
using QrForge.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace QrForge.Server.Tests.Identity;

/// <summary>Who may call a route.</summary>
public enum Access
{
    Anonymous,
    SignedIn,
    Read,
    Write,
    Scan,
    Admin,
    SystemAdmin,
}

/// <summary>
/// Every route × every kind of caller, with the status each must get: 401 without (valid) credentials, 403
/// without the role, 404 for another tenant's object, anything else when allowed. The route table below is the
/// statement of who may do what; a route missing from it fails the test, so no new route escapes the matrix.
/// </summary>
public abstract class AuthorizationMatrixTests(Database database, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly Guid OtherTenant = Guid.Parse("0195a000-0000-7000-8000-0000000000bb");

    /// <summary>The statement: method, route pattern, who may call it. Ids in patterns are filled with the default tenant's objects.</summary>
    internal static readonly (string Method, string Pattern, Access Access)[] Routes =
    [
        ("GET", "/health", Access.Anonymous),
        ("*", "/ready", Access.Anonymous),
        ("*", "/metrics", Access.Anonymous),
        ("GET", "/openapi/{documentName}.json", Access.Anonymous),
        ("GET", "/docs/{documentName?}", Access.Anonymous),
        ("GET", "/docs/scalar.js", Access.Anonymous),
        ("GET", "/docs/scalar.aspnetcore.js", Access.Anonymous),
        ("GET", "/docs/favicon.svg", Access.Anonymous),
        ("POST", "/generate", Access.Anonymous),
        ("GET", "/retrieve/{qr_id}", Access.Anonymous),
        ("GET", "/api/v1/render", Access.Anonymous),
        ("GET", "/api/v1/codes/{id:guid}/image.{format}", Access.Anonymous),
        ("POST", "/api/v1/auth/login", Access.Anonymous),
        ("POST", "/api/v1/auth/refresh", Access.Anonymous),
        ("POST", "/api/v1/auth/logout", Access.Anonymous),
        ("GET", "/api/v1/me", Access.SignedIn),
        ("POST", "/api/v1/codes/", Access.Write),
        ("GET", "/api/v1/codes/", Access.Read),
        ("GET", "/api/v1/codes/{id:guid}", Access.Read),
        ("PATCH", "/api/v1/codes/{id:guid}", Access.Write),
        ("DELETE", "/api/v1/codes/{id:guid}", Access.Write),
        ("GET", "/r/{slug}", Access.Anonymous),
        ("HEAD", "/r/{slug}", Access.Anonymous),
        ("GET", "/api/v1/links/{id:guid}/image.{format}", Access.Anonymous),
        ("POST", "/api/v1/links/", Access.Write),
        ("POST", "/api/v1/links/bulk", Access.Write),
        ("GET", "/api/v1/links/", Access.Read),
        ("GET", "/api/v1/links/stats", Access.Read),
        ("GET", "/api/v1/links/{id:guid}", Access.Read),
        ("PATCH", "/api/v1/links/{id:guid}", Access.Write),
        ("DELETE", "/api/v1/links/{id:guid}", Access.Write),
        ("GET", "/api/v1/links/{id:guid}/stats", Access.Read),
        ("GET", "/api/v1/links/{id:guid}/scans", Access.Read),
        ("GET", "/api/v1/links/{id:guid}/scans.csv", Access.Read),
        ("GET", "/.well-known/qrforge-keys.json", Access.Anonymous),
        ("POST", "/api/v1/events/", Access.Write),
        ("GET", "/api/v1/events/", Access.Read),
        ("GET", "/api/v1/events/{id:guid}", Access.Read),
        ("GET", "/api/v1/events/{id:guid}/inside", Access.Read),
        ("PATCH", "/api/v1/events/{id:guid}", Access.Write),
        ("DELETE", "/api/v1/events/{id:guid}", Access.Write),
        ("GET", "/api/v1/events/{id:guid}/checkins", Access.Read),
        ("GET", "/api/v1/events/{id:guid}/checkins.csv", Access.Read),
        ("GET", "/api/v1/events/{id:guid}/revocations", Access.Scan),
        ("POST", "/api/v1/events/{id:guid}/warm/", Access.Write),
        ("GET", "/api/v1/events/{id:guid}/warm/{job:guid}", Access.Read),
        ("POST", "/api/v1/subjects/", Access.Write),
        ("POST", "/api/v1/subjects/import", Access.Write),
        ("GET", "/api/v1/subjects/", Access.Read),
        ("GET", "/api/v1/subjects/{id:guid}", Access.Read),
        ("PATCH", "/api/v1/subjects/{id:guid}", Access.Write),
        ("DELETE", "/api/v1/subjects/{id:guid}", Access.Write),
        ("POST", "/api/v1/passes/", Access.Write),
        ("GET", "/api/v1/passes/", Access.Read),
        ("GET", "/api/v1/passes/{id:guid}", Access.Read),
        ("POST", "/api/v1/passes/{id:guid}/revoke", Access.Write),
        ("POST", "/api/v1/passes/{id:guid}/reissue", Access.Write),
        ("POST", "/api/v1/passes/verify", Access.Scan),
        ("GET", "/api/v1/passes/{id:guid}/image.{format}", Access.Read),
        ("DELETE", "/api/v1/passes/{id:guid}/cache", Access.Write),
        ("POST", "/api/v1/passes/{id:guid}/image-links", Access.Write),
        ("GET", "/api/v1/pass-images/{link}", Access.Anonymous),
        ("POST", "/api/v1/checkins/", Access.Scan),
        ("POST", "/api/v1/checkins/offline", Access.Scan),
        ("GET", "/api/v1/keys/", Access.Admin),
        ("POST", "/api/v1/keys/rotate", Access.Admin),
        ("POST", "/api/v1/keys/{kid}/retire", Access.Admin),
        ("GET", "/api/v1/cache/stats", Access.Admin),
        ("POST", "/api/v1/api-keys/", Access.Admin),
        ("GET", "/api/v1/api-keys/", Access.Admin),
        ("DELETE", "/api/v1/api-keys/{id:guid}", Access.Admin),
        ("GET", "/api/v1/users/", Access.Admin),
        ("POST", "/api/v1/users/", Access.Admin),
        ("PATCH", "/api/v1/users/{id:guid}", Access.Admin),
        ("DELETE", "/api/v1/users/{id:guid}", Access.Admin),
        ("POST", "/api/v1/invitations/", Access.Admin),
        ("GET", "/api/v1/invitations/", Access.Admin),
        ("DELETE", "/api/v1/invitations/{id:guid}", Access.Admin),
        ("POST", "/api/v1/invitations/accept", Access.Anonymous),
        ("GET", "/api/v1/audit/", Access.Admin),
        ("GET", "/api/v1/audit/export.csv", Access.Admin),
        ("GET", "/api/v1/admin/tenants", Access.SystemAdmin),
        ("POST", "/api/v1/admin/tenants", Access.SystemAdmin),
        ("GET", "/api/v1/admin/users", Access.SystemAdmin),
        ("POST", "/api/v1/admin/users", Access.SystemAdmin),
        ("GET", "/api/v1/admin/api-keys", Access.SystemAdmin),
        ("DELETE", "/api/v1/admin/api-keys/{id:guid}", Access.SystemAdmin),
        ("POST", "/api/v1/admin/signing-keys/rotate", Access.SystemAdmin),
    ];

    private QrForgeFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await QrForgeFactory.CreateAsync(database, extra: MatrixSettings);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>Settings that keep the edge's limits out of the way of ~500 requests from one address.</summary>
    internal static Dictionary<string, string?> MatrixSettings => new();

    [Fact]
    public void RouteTable_CoversEveryRouteOfTheService()
    {
        using var client = _factory.CreateClient(); // starts the host
        var mapped = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (m, Normalize(e.RoutePattern.RawText))))
            .Where(r => r.m != "*" || !r.Item2.StartsWith("/bench", StringComparison.Ordinal))
            .ToHashSet();
        var stated = Routes.Select(r => (r.Method, Normalize(r.Pattern))).ToHashSet();
        var missing = mapped.Except(stated).Select(r => $"{r.Item1} {r.Item2}").Order().ToList();
        var stale = stated.Except(mapped).Select(r => $"{r.Item1} {r.Item2}").Order().ToList();
        Assert.True(missing.Count == 0, "Routes without a stated access: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Stated routes that do not exist: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task EveryRoute_EveryCaller_GetsTheStatedStatus()
    {
        var ids = await SeedAsync();
        var callers = await CallersAsync();
        var failures = new List<string>();
        var cases = 0;
        foreach (var (method, pattern, access) in Routes)
        {
            foreach (var caller in callers)
            {
                cases++;
                var path = Fill(pattern, ids);
                using var request = new HttpRequestMessage(new HttpMethod(method == "*" ? "GET" : method), path);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    // Each route gets a body of the type it accepts (routing answers 415 before authorization otherwise).
                    request.Content = pattern.EndsWith("/import", StringComparison.Ordinal)
                        ? new StringContent("kind,external_id,name\n", System.Text.Encoding.UTF8, "text/csv")
                        : Json.Body("{}");
                }

                using var response = await caller.Client.SendAsync(request);
                var status = (int)response.StatusCode;
                var expected = Expect(access, caller, pattern.Contains("{id", StringComparison.Ordinal));
                if (!expected.Matches(status))
                {
                    failures.Add($"{method} {path} as {caller.Name}: got {status}, expected {expected}");
                }
            }
        }

        output.WriteLine($"authorization matrix ({database}): {cases} cases, {failures.Count} failures");
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases failed:\n" + string.Join("\n", failures));
        foreach (var caller in callers)
        {
            caller.Client.Dispose();
        }
    }

    private static Expectation Expect(Access access, Caller caller, bool hasId)
    {
        if (access == Access.Anonymous)
        {
            return Expectation.Allowed;
        }

        if (caller.Role is null)
        {
            return Expectation.Exactly(401);
        }

        var allowed = access switch
        {
            Access.SignedIn => true,
            Access.Read => caller.Role is Roles.Viewer or Roles.Operator or Roles.Admin,
            Access.Write => caller.Role is Roles.Operator or Roles.Admin,
            Access.Scan => caller.Role is Roles.Scanner or Roles.Operator or Roles.Admin,
            Access.Admin => caller.Role == Roles.Admin,
            Access.SystemAdmin => caller.Role == Roles.Admin && !caller.OtherTenant,
            _ => false,
        };
        if (!allowed)
        {
            return Expectation.Exactly(403);
        }

        // Another tenant's object does not exist for this caller.
        return caller.OtherTenant && hasId && access != Access.SystemAdmin ? Expectation.Exactly(404) : Expectation.Allowed;
    }

    private async Task<Dictionary<string, string>> SeedAsync()
    {
        using var operatorClient = await _factory.CreateClientAsync(Roles.Operator);
        var code = (string)(await Json.PostAsync(operatorClient, "/api/v1/codes", """{"data":"matrix","public":false}"""))["id"]!;
        var link = (string)(await Json.PostAsync(operatorClient, "/api/v1/links", """{"destination":"https://example.com/matrix"}"""))["id"]!;
        var ev = (string)(await Json.PostAsync(operatorClient, "/api/v1/events", """{"name":"matrix","starts_at":"2026-11-20T00:00:00Z","ends_at":"2026-12-20T00:00:00Z","checkpoints":["gate-a"]}"""))["id"]!;
        var subject = (string)(await Json.PostAsync(operatorClient, "/api/v1/subjects", """{"kind":"student","external_id":"m-1","name":"Matrix"}"""))["id"]!;
        var pass = (string)(await Json.PostAsync(operatorClient, "/api/v1/passes", $$"""{"event_id":"{{ev}}","subject_id":"{{subject}}"}"""))["id"]!;
        var (_, keyId) = await _factory.CreateApiKeyClientAsync(Roles.Viewer);
        var (_, userId) = await _factory.SignInAsync(Roles.Viewer);
        return new()
        {
            ["/api/v1/codes/"] = code,
            ["/api/v1/links/"] = link,
            ["/api/v1/events/"] = ev,
            ["/api/v1/subjects/"] = subject,
            ["/api/v1/passes/"] = pass,
            ["/api/v1/api-keys/"] = keyId.ToString(),
            ["/api/v1/admin/api-keys/"] = keyId.ToString(),
            ["/api/v1/users/"] = userId.ToString(),
        };
    }

    private static string Fill(string pattern, Dictionary<string, string> ids)
    {
        var path = pattern.Replace("{documentName}", "v1", StringComparison.Ordinal).Replace("/{documentName?}", "", StringComparison.Ordinal)
            .Replace("{format}", "png", StringComparison.Ordinal).Replace("{slug}", "no-such-slug", StringComparison.Ordinal)
            .Replace("{job:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{kid}", "no-such-kid", StringComparison.Ordinal).Replace("{link}", "no-such-link", StringComparison.Ordinal).Replace("{qr_id}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        var at = path.IndexOf("{id:guid}", StringComparison.Ordinal);
        if (at >= 0)
        {
            var prefix = path[..at];
            path = prefix + (ids.TryGetValue(prefix, out var id) ? id : Guid.NewGuid().ToString()) + path[(at + "{id:guid}".Length)..];
        }

        return path;
    }

    private async Task<List<Caller>> CallersAsync()
    {
        var callers = new List<Caller> { new("anonymous", null, false, _factory.CreateClient()) };
        foreach (var role in Roles.All)
        {
            callers.Add(new(role, role, false, await _factory.CreateClientAsync(role)));
            callers.Add(new("api key " + role, role, false, (await _factory.CreateApiKeyClientAsync(role)).Client));
        }

        callers.Add(new("admin of another tenant", Roles.Admin, true, await _factory.CreateClientAsync(Roles.Admin, OtherTenant)));
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        var (expired, _) = await _factory.CreateApiKeyClientAsync(Roles.Admin, expiresAt: now.AddSeconds(-1));
        callers.Add(new("expired key", null, false, expired));
        var (revoked, revokedId) = await _factory.CreateApiKeyClientAsync(Roles.Admin);
        using (var scope = _factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeAsync(revokedId, anyTenant: true, default);
        }

        callers.Add(new("revoked key", null, false, revoked));
        return callers;
    }

    private static string Normalize(string? pattern) => "/" + (pattern ?? "").Trim('/');

    private sealed record Caller(string Name, string? Role, bool OtherTenant, HttpClient Client);

    private sealed record Expectation(int? Status)
    {
        public static readonly Expectation Allowed = new((int?)null);

        public static Expectation Exactly(int status) => new(status);

        public bool Matches(int status) => Status is { } s ? status == s : status is not (401 or 403) && status < 500;

        public override string ToString() => Status is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "not 401/403/5xx";
    }
}

public sealed class SqliteAuthorizationMatrixTests(ITestOutputHelper output) : AuthorizationMatrixTests(Database.Sqlite, output);

public sealed class PostgresAuthorizationMatrixTests(ITestOutputHelper output) : AuthorizationMatrixTests(Database.Postgres, output);
