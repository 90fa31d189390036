using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Identity;
using QrForge.Server.Storage;
using QrForge.Server.Tests.Infrastructure;

namespace QrForge.Server.Tests.Identity;

/// <summary>Sign-in, refresh rotation, sign-out and /me, on SQLite and PostgreSQL.</summary>
public abstract class AuthTests(Database database) : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private QrForgeFactory _factory = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        _factory = await QrForgeFactory.CreateAsync(database, extra: new()
        {
            ["QrForge:Auth:AccessTokenMinutes"] = "15",
            ["QrForge:Edge:KnownProxies:0"] = "127.0.0.1", // the in-memory client is loopback: X-Forwarded-For picks the client address
        });
        _anonymous = _factory.CreateClient();
        using var scope = _factory.Services.CreateScope();
        var errors = new Dictionary<string, string[]>();
        var made = await scope.ServiceProvider.GetRequiredService<AccountService>().AddMemberAsync(TenantContext.DefaultTenantId, "Ada@Example.com", Password, Roles.Operator, errors, default);
        Assert.NotNull(made);
    }

    public async Task DisposeAsync()
    {
        _anonymous.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task<HttpResponseMessage> LoginAsync(string email, string password, string client = "192.0.2.10")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = Json.Body($$"""{"email":"{{email}}","password":"{{password}}"}"""),
        };
        request.Headers.Add("X-Forwarded-For", client);
        return await _anonymous.SendAsync(request);
    }

    [Fact]
    public async Task Login_RightPassword_GivesTokensThatWork()
    {
        using var response = await LoginAsync("ada@example.com", Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(900, (int)body["expires_in"]!);
        Assert.Equal("Bearer", (string)body["token_type"]!);
        Assert.StartsWith("qrr_", (string)body["refresh_token"]!, StringComparison.Ordinal);

        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)body["access_token"]!);
        var me = await Json.ReadAsync(await client.GetAsync("/api/v1/me"));
        Assert.Equal("ada@example.com", (string)me["email"]!);
        Assert.Equal("operator", (string)me["role"]!);
        Assert.Equal("user", (string)me["kind"]!);
        Assert.Equal("default", (string)me["tenant_name"]!);
    }

    [Fact]
    public async Task Login_WrongPasswordOrUnknownEmail_GiveTheSameAnswer()
    {
        using var wrongPassword = await LoginAsync("ada@example.com", "not the password");
        using var unknown = await LoginAsync("nobody@example.com", Password);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        var a = await Json.ReadAsync(wrongPassword);
        var b = await Json.ReadAsync(unknown);
        Assert.Equal((string)a["type"]!, (string)b["type"]!);
        Assert.Equal((string)a["title"]!, (string)b["title"]!);
        Assert.Null(a["detail"]);
    }

    [Theory]
    [InlineData("""{"password":"x"}""", "email")]
    [InlineData("""{"email":"a@b.c"}""", "password")]
    public async Task Login_MissingField_Returns400NamingIt(string json, string field)
    {
        using var response = await _anonymous.PostAsync("/api/v1/auth/login", Json.Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
    }

    [Fact]
    public async Task Login_RepeatedFailuresFromOneClient_DelayThatClientEvenForTheRightPassword()
    {
        for (var i = 0; i < 5; i++)
        {
            (await LoginAsync("ada@example.com", "wrong " + i)).Dispose();
        }

        using var delayed = await LoginAsync("ada@example.com", Password);
        Assert.Equal(HttpStatusCode.Unauthorized, delayed.StatusCode);
        _factory.Clock.Advance(TimeSpan.FromSeconds(31));
        using var afterDelay = await LoginAsync("ada@example.com", Password);
        Assert.Equal(HttpStatusCode.OK, afterDelay.StatusCode);
    }

    /// <summary>Issue 12, fault 3: wrong passwords from one address must not lock the owner out at another.</summary>
    [Fact]
    public async Task Login_ManyFailuresFromAnAttacker_OwnerElsewhereStillSignsIn()
    {
        for (var i = 0; i < 12; i++)
        {
            using var attempt = await LoginAsync("ada@example.com", "guess " + i, client: "203.0.113.66");
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }

        using var attacker = await LoginAsync("ada@example.com", Password, client: "203.0.113.66");
        Assert.Equal(HttpStatusCode.Unauthorized, attacker.StatusCode); // the guessing client waits, even with the right password
        using var owner = await LoginAsync("ada@example.com", Password, client: "198.51.100.7");
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    /// <summary>A delayed account, an unknown email and a wrong password answer alike: nothing tells which emails exist.</summary>
    [Fact]
    public async Task Login_DelayedUnknownOrWrong_AnswerAlike()
    {
        for (var i = 0; i < 6; i++)
        {
            (await LoginAsync("ada@example.com", "wrong " + i, client: "203.0.113.7")).Dispose();
        }

        using var delayed = await LoginAsync("ada@example.com", Password, client: "203.0.113.7");
        using var unknown = await LoginAsync("nobody@example.com", Password, client: "203.0.113.8");
        using var wrong = await LoginAsync("ada@example.com", "not it", client: "203.0.113.9");
        var bodies = new List<string>();
        foreach (var response in new[] { delayed, unknown, wrong })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Null(response.Headers.RetryAfter);
            var body = (await Json.ReadAsync(response)).AsObject();
            foreach (var perRequest in body.Select(p => p.Key).Where(k => k.Contains("trace", StringComparison.OrdinalIgnoreCase) || k.Contains("request", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                body.Remove(perRequest); // ids of the request itself
            }

            bodies.Add(body.ToJsonString());
        }

        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task Refresh_RotatesAndReuseRevokesTheFamily()
    {
        var first = await Json.ReadAsync(await LoginAsync("ada@example.com", Password));
        var refresh1 = (string)first["refresh_token"]!;
        var second = await Json.PostAsync(_anonymous, "/api/v1/auth/refresh", $$"""{"refresh_token":"{{refresh1}}"}""", HttpStatusCode.OK);
        var refresh2 = (string)second["refresh_token"]!;
        Assert.NotEqual(refresh1, refresh2);

        // The old token again: refused, and the newer one dies with it.
        using var reuse = await _anonymous.PostAsync("/api/v1/auth/refresh", Json.Body($$"""{"refresh_token":"{{refresh1}}"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        using var afterReuse = await _anonymous.PostAsync("/api/v1/auth/refresh", Json.Body($$"""{"refresh_token":"{{refresh2}}"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, afterReuse.StatusCode);
    }

    [Fact]
    public async Task Logout_EndsTheRefreshToken()
    {
        var pair = await Json.ReadAsync(await LoginAsync("ada@example.com", Password));
        var refresh = (string)pair["refresh_token"]!;
        using var logout = await _anonymous.PostAsync("/api/v1/auth/logout", Json.Body($$"""{"refresh_token":"{{refresh}}"}"""));
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        using var after = await _anonymous.PostAsync("/api/v1/auth/refresh", Json.Body($$"""{"refresh_token":"{{refresh}}"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task AccessToken_AfterItsLifetime_Is401()
    {
        var pair = await Json.ReadAsync(await LoginAsync("ada@example.com", Password));
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)pair["access_token"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        _factory.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }
}

public sealed class SqliteAuthTests() : AuthTests(Database.Sqlite);

public sealed class PostgresAuthTests() : AuthTests(Database.Postgres);

/// <summary>Sign-in is also limited per client address (RateLimits.Login), whatever the account.</summary>
public sealed class LoginThrottleTests
{
    [Fact]
    public async Task Login_ManyAttemptsFromOneAddress_Get429WithRetryAfter()
    {
        await using var factory = await QrForgeFactory.CreateAsync(Database.Sqlite, extra: new() { ["QrForge:Edge:RateLimits:Enabled"] = "true" });
        using var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await client.PostAsync("/api/v1/auth/login", Json.Body($$"""{"email":"user{{i}}@example.com","password":"whatever it is"}"""));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}
