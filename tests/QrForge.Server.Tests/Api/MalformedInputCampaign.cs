using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using QrForge.Server.Identity;
using QrForge.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace QrForge.Server.Tests.Api;

/// <summary>
/// Issue 12, "keep it so": malformed requests generated from <c>/openapi/v1.json</c> against the service on real
/// Kestrel — every operation, anonymous and as an admin — must never get a 5xx, never take longer than 2 s, and
/// leave a healthy service. Wrong types, huge and deeply nested JSON, invalid UTF-8, NUL, odd charsets and content
/// types, injection strings in every field and path parameter, oversized headers and query strings.
/// <para>
/// The seed is fixed. CI sends <see cref="DefaultCount"/> requests per operation and identity;
/// <c>QRFORGE_CAMPAIGN_COUNT</c> raises it (<c>bench/campaign.sh</c> runs 200, the figures in docs/security.md).
/// </para>
/// </summary>
public abstract class MalformedInputCampaign(Database database, ITestOutputHelper output)
{
    public const int DefaultCount = 12;
    private const int Seed = 20261202;
    private static readonly TimeSpan MaxAnswer = TimeSpan.FromSeconds(2);

    private static readonly string[] Injections =
    [
        "' OR '1'='1", "1; DROP TABLE codes;--", "\" OR \"\"=\"", "<script>alert(1)</script>", "../../../../etc/passwd", "..%2f..%2fetc%2fpasswd",
        "${jndi:ldap://x/a}", "{{7*7}}", "%s%s%s%n", "\\u0000", "a\u0000b", "\u0000", "\uFEFF", "\uD800", "𝕏😀", "ＡＢＣ", "\r\nX-Injected: 1",
        "-1", "0", "99999999999999999999999", "1e309", "NaN", "true", "null", "[]", "{}", "", " ", new string('a', 5000),
        "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "*", "%", "_", "\\", "/", "?", "#",
    ];

    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("QRFORGE_CAMPAIGN_COUNT"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultCount;

    private sealed record Operation(string Method, string Path, List<(string Name, string In, string Type)> Parameters, JsonObject? Body);

    private sealed record Attempt(HttpRequestMessage Request, string Kind);

    [Fact]
    public async Task EveryOperation_MalformedRequests_No5xxNoSlowAnswerHealthyAfterwards()
    {
        await using var host = await KestrelHost.StartAsync([], database: database);
        using var anonymous = host.CreateClient("127.0.0.1");
        using var admin = host.CreateClient("127.0.0.1");
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await host.AccessTokenAsync(Roles.Admin));
        anonymous.Timeout = admin.Timeout = TimeSpan.FromSeconds(30);

        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var operations = Operations(document);
        Assert.True(operations.Count >= 40, $"only {operations.Count} operations in the document");

        // Warm up every route once (first-call JIT is not what the 2 s bound is about).
        foreach (var op in operations)
        {
            using var warm = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(op.Method), Fill(op.Path, _ => Guid.NewGuid().ToString())));
        }

        var random = new Random(Seed);
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var slowest = TimeSpan.Zero;
        var sent = 0;
        foreach (var op in operations)
        {
            foreach (var (client, who) in new[] { (anonymous, "anonymous"), (admin, "admin") })
            {
                for (var i = 0; i < Count; i++)
                {
                    var attempt = Generate(op, random);
                    var described = $"{who} {attempt.Request.Method} {Shorten(attempt.Request.RequestUri!.OriginalString)} [{attempt.Kind}]";
                    var watch = Stopwatch.StartNew();
                    HttpStatusCode status;
                    try
                    {
                        using var response = await client.SendAsync(attempt.Request);
                        await response.Content.ReadAsByteArrayAsync();
                        status = response.StatusCode;
                    }
                    catch (HttpRequestException e)
                    {
                        // The server closed the connection (e.g. Kestrel refusing a malformed request line): not a 5xx.
                        status = 0;
                        output.WriteLine($"connection closed: {described}: {e.Message}");
                    }
                    finally
                    {
                        attempt.Request.Dispose();
                    }

                    watch.Stop();
                    sent++;
                    statuses[(int)status] = statuses.GetValueOrDefault((int)status) + 1;
                    slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
                    if ((int)status >= 500)
                    {
                        failures.Add($"{(int)status} {described}");
                    }

                    if (watch.Elapsed > MaxAnswer)
                    {
                        failures.Add($"slow {watch.Elapsed.TotalMilliseconds:F0} ms {described}");
                    }
                }
            }
        }

        output.WriteLine($"{database}: {operations.Count} operations, {sent} requests, statuses {string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))}, slowest {slowest.TotalMilliseconds:F0} ms");
        Report($"{database}\t{operations.Count}\t{sent}\t{failures.Count(f => !f.StartsWith("slow", StringComparison.Ordinal))}\t{failures.Count(f => f.StartsWith("slow", StringComparison.Ordinal))}\t{slowest.TotalMilliseconds:F0}\t{string.Join(" ", statuses.Select(s => $"{s.Key}:{s.Value}"))}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent}:\n" + string.Join("\n", failures.Take(40)));

        // Healthy afterwards: alive, ready, and a valid request still works.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/ready")).StatusCode);
        using var created = await admin.PostAsync("/api/v1/codes", Json.Body("""{"data":"still fine"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static void Report(string line)
    {
        if (Environment.GetEnvironmentVariable("QRFORGE_CAMPAIGN_REPORT") is { Length: > 0 } file)
        {
            File.AppendAllText(file, line + "\n");
        }
    }

    private static string Shorten(string text) => text.Length > 160 ? text[..160] + $"…({text.Length})" : text;

    private static List<Operation> Operations(JsonNode document)
    {
        var schemas = document["components"]?["schemas"]?.AsObject();
        var result = new List<Operation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                if (node is not JsonObject operation || method is "parameters" or "summary" or "description" or "servers")
                {
                    continue;
                }

                var parameters = (operation["parameters"]?.AsArray() ?? [])
                    .Select(p => ((string)p!["name"]!, (string)p["in"]!, TypeOf(Resolve(p["schema"], schemas))))
                    .ToList();
                var body = Resolve(operation["requestBody"]?["content"]?["application/json"]?["schema"], schemas) as JsonObject;
                result.Add(new Operation(method.ToUpperInvariant(), path, parameters, body));
            }
        }

        return result;

        static JsonNode? Resolve(JsonNode? schema, JsonObject? schemas)
        {
            for (var depth = 0; depth < 10 && schema?["$ref"] is JsonValue reference; depth++)
            {
                schema = schemas?[((string)reference!).Split('/')[^1]];
            }

            return schema;
        }
    }

    private static string TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null") ?? "string",
        JsonValue type => (string?)type ?? "string",
        _ => "string",
    };

    private static string Fill(string template, Func<string, string> value)
    {
        var builder = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                builder.Append(template, i, template.Length - i);
                break;
            }

            var close = template.IndexOf('}', open);
            builder.Append(template, i, open - i).Append(value(template[(open + 1)..close]));
            i = close + 1;
        }

        return builder.ToString();
    }

    private static string Pick(Random random) => Injections[random.Next(Injections.Length)];

    private static string Escape(string value) => Uri.EscapeDataString(value.Length > 0 ? value : " ").Replace("%20", "+", StringComparison.Ordinal);

    private static Attempt Generate(Operation op, Random random)
    {
        var kind = random.Next(op.Body is null ? 4 : 10);
        var pathValue = kind == 0 ? Escape(Pick(random)) : Guid.NewGuid().ToString();
        var url = Fill(op.Path, name => name == "format" && kind != 0 ? "png" : pathValue);
        var query = new List<string>();
        foreach (var (name, where, type) in op.Parameters.Where(p => p.In == "query"))
        {
            if (random.Next(2) == 0)
            {
                query.Add($"{name}={Escape(kind == 1 ? Pick(random) : Valid(type, random))}");
            }
        }

        string described;
        HttpContent? content = null;
        var headers = new List<(string, string)>();
        switch (kind)
        {
            case 0:
                described = "path injection";
                break;
            case 1:
                described = "query injection";
                break;
            case 2:
                described = "oversized query";
                query.Add("q=" + new string('x', random.Next(4_000, 12_000)));
                break;
            case 3:
                described = random.Next(2) == 0 ? "oversized header" : "odd credentials";
                if (described == "oversized header")
                {
                    headers.Add(("X-Padding", new string('h', random.Next(8_000, 40_000))));
                }
                else
                {
                    // Header values on the wire are visible ASCII (the client refuses anything else).
                    var odd = new string([.. Pick(random).Where(c => c is >= ' ' and <= '~')]);
                    headers.Add((random.Next(2) == 0 ? "X-Api-Key" : "Authorization", random.Next(2) == 0 ? odd : "Bearer " + odd));
                }

                break;
            default:
                (content, described) = Body(op.Body!, random, kind);
                break;
        }

        var target = url + (query.Count > 0 ? "?" + string.Join("&", query) : "");
        var request = new HttpRequestMessage(new HttpMethod(op.Method), target) { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return new Attempt(request, described);
    }

    private static string Valid(string type, Random random) => type switch
    {
        "integer" => random.Next(-5, 200).ToString(CultureInfo.InvariantCulture),
        "number" => (random.NextDouble() * 100).ToString(CultureInfo.InvariantCulture),
        "boolean" => random.Next(2) == 0 ? "true" : "false",
        _ => "x",
    };

    /// <summary>A body for the operation's schema with one kind of fault.</summary>
    private static (HttpContent Content, string Kind) Body(JsonObject schema, Random random, int kind)
    {
        var properties = schema["properties"]?.AsObject().Select(p => (p.Key, Type: TypeOf(p.Value))).ToList() ?? [];
        JsonObject Plausible()
        {
            var body = new JsonObject();
            foreach (var (name, type) in properties)
            {
                if (random.Next(3) > 0)
                {
                    body[name] = type switch
                    {
                        "integer" => random.Next(1, 50),
                        "number" => 1.5,
                        "boolean" => true,
                        "array" => new JsonArray("a", "b"),
                        "object" => new JsonObject { ["k"] = "v" },
                        _ => "value",
                    };
                }
            }

            return body;
        }

        static StringContent JsonContent(string text, string contentType = "application/json") =>
            new(text, System.Text.Encoding.UTF8, new System.Net.Http.Headers.MediaTypeHeaderValue(contentType) { CharSet = "utf-8" });

        switch (kind)
        {
            case 4:
                {
                    // Wrong type in every member: strings get numbers/objects, numbers get strings, and so on.
                    var body = new JsonObject();
                    foreach (var (name, type) in properties)
                    {
                        body[name] = type switch
                        {
                            "string" => random.Next(3) switch { 0 => 12345, 1 => new JsonObject { ["x"] = 1 }, _ => new JsonArray(1, 2) },
                            "integer" or "number" => random.Next(2) == 0 ? "many" : JsonValue.Create(1e300),
                            "boolean" => "yes",
                            _ => 42,
                        };
                    }

                    return (JsonContent(body.ToJsonString()), "wrong types");
                }

            case 5:
                {
                    // Injection strings (NUL included) in every member.
                    var body = Plausible();
                    foreach (var (name, _) in properties)
                    {
                        body[name] = Pick(random);
                    }

                    return (JsonContent(body.ToJsonString()), "injection in fields");
                }

            case 6:
                return random.Next(3) switch
                {
                    0 => (JsonContent(new string('[', 5_000) + new string(']', 5_000)), "deeply nested"),
                    1 => (JsonContent("{\"data\":\"" + new string('x', 2_000_000) + "\"}"), "huge string"),
                    _ => (JsonContent("[" + string.Join(",", Enumerable.Repeat("{\"a\":1}", 100_000)) + "]"), "huge array"),
                };
            case 7:
                {
                    // Invalid UTF-8 inside a string, a truncated body, or an empty one.
                    var variant = random.Next(3);
                    var bytes = variant switch
                    {
                        0 => [.. "{\"data\":\""u8.ToArray(), 0xC3, 0x28, 0xFF, 0xFE, .. "\"}"u8.ToArray()],
                        1 => System.Text.Encoding.UTF8.GetBytes(Plausible().ToJsonString() is var whole ? whole[..Math.Max(1, whole.Length / 2)] : ""),
                        _ => Array.Empty<byte>(),
                    };
                    var content = new ByteArrayContent(bytes);
                    content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
                    return (content, variant switch { 0 => "invalid UTF-8", 1 => "truncated JSON", _ => "empty body" });
                }

            case 8:
                {
                    // Odd charsets and content types with an otherwise plausible body.
                    string[] types =
                    [
                        "application/json; charset=utf-7", "application/json; charset=utf-16", "application/json; charset=ebcdic-cp-us",
                    "application/json; charset=\"", "application/json; charset=x-unknown", "text/plain", "application/xml",
                    "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/octet-stream", "text/csv", "*/*", ";;;", "application/json; boundary",
                ];
                    var text = Plausible().ToJsonString();
                    var type = types[random.Next(types.Length)];
                    var content = new ByteArrayContent(type.Contains("utf-16", StringComparison.Ordinal) ? System.Text.Encoding.Unicode.GetBytes(text) : System.Text.Encoding.UTF8.GetBytes(text));
                    content.Headers.TryAddWithoutValidation("Content-Type", type);
                    return (content, "content type " + type);
                }

            default:
                {
                    // Unknown and misspelt members next to plausible ones.
                    var body = Plausible();
                    body["expiry_hours"] = 1;
                    body[Pick(random) is { Length: > 0 and < 100 } odd ? odd : "odd"] = "x";
                    return (JsonContent(body.ToJsonString()), "unknown members");
                }
        }
    }
}

public sealed class SqliteMalformedInputCampaign(ITestOutputHelper output) : MalformedInputCampaign(Database.Sqlite, output);

public sealed class PostgresMalformedInputCampaign(ITestOutputHelper output) : MalformedInputCampaign(Database.Postgres, output);
