using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Server.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace QrForge.Server.Tests.Deploy;

/// <summary>
/// The shipped edges route the same paths the same way: the Traefik routers (deploy/traefik/dynamic_conf.yml), the
/// nginx locations the multi-node test runs behind (deploy/nginx/qrforge-locations.conf) and the Kubernetes
/// Ingresses agree on which paths are public, which are the signed-in API and which are administrative, and every
/// edge restricts the administrative ones to an allowlist.
/// </summary>
public sealed partial class EdgeRulesTests
{
    /// <summary>One path matcher: prefix, exact or regex.</summary>
    internal sealed record Matcher(string Kind, string Value);

    [Fact]
    public void TraefikAndNginx_PathClasses_Agree()
    {
        var traefik = TraefikClasses();
        var nginx = NginxClasses();
        Assert.Equal(["admin", "api", "public"], traefik.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(traefik.Keys.Order(StringComparer.Ordinal), nginx.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, matchers) in traefik)
        {
            Assert.True(matchers.SetEquals(nginx[name]), $"{name}: Traefik has [{Show(matchers)}], nginx has [{Show(nginx[name])}]");
        }
    }

    [Fact]
    public void AdministrativePaths_OnEveryEdge_AreBehindAnAllowlist()
    {
        var root = YamlRoot(Repository.Read("deploy", "traefik", "dynamic_conf.yml"));
        var admin = (YamlMappingNode)root["http"]["routers"]["qrforge-admin"];
        var middlewares = ((YamlSequenceNode)admin["middlewares"]).Select(m => m.ToString()).ToList();
        Assert.Contains(middlewares, m => ((YamlMappingNode)root["http"]["middlewares"][m]).Children.ContainsKey("ipAllowList"));
        Assert.Contains(new Matcher("prefix", "/api/v1/admin"), TraefikClasses()["admin"]);
        Assert.Contains(new Matcher("exact", "/metrics"), TraefikClasses()["admin"]);

        foreach (var block in NginxBlocks().Where(b => b.Zone == "admin"))
        {
            Assert.Contains("deny all;", block.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void KubernetesIngresses_PathClasses_AgreeWithTraefik()
    {
        var classes = TraefikClasses();
        var documents = Yaml.Documents(Repository.Read("deploy", "k8s", "base", "ingress.yaml"));
        var admin = documents.Single(d => d["metadata"]["name"].ToString() == "qrforge-admin");
        Assert.True(((YamlMappingNode)admin["metadata"]["annotations"]).Children.ContainsKey("nginx.ingress.kubernetes.io/whitelist-source-range"));
        Assert.True(IngressPaths(admin).SetEquals(classes["admin"]));

        // The main Ingress sends prefixes to the service, which answers 404 for what it does not serve: every path it
        // routes must be public or API in Traefik, and none may be administrative.
        var main = documents.Single(d => d["metadata"]["name"].ToString() == "qrforge");
        foreach (var path in IngressPaths(main))
        {
            Assert.True(classes["public"].Contains(path) || classes["api"].Contains(path), $"{path} is not a public or API path in Traefik");
        }
    }

    [Fact]
    public async Task EveryRouteOfTheService_IsRoutedByTheEdge()
    {
        await using var factory = await QrForgeFactory.CreateAsync(Database.Sqlite);
        using var client = factory.CreateClient(); // builds the endpoints
        var matchers = TraefikClasses().Values.SelectMany(m => m).ToList();
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct(StringComparer.Ordinal)
            .Where(r => r != "/ready") // the load balancer's health check stays internal
            .ToList();
        Assert.Contains("/r/{slug}", routes);
        foreach (var route in routes)
        {
            var sample = RouteParameter().Replace(route, m => m.Groups[1].Value switch
            {
                var name when m.Value.Contains(":guid", StringComparison.Ordinal) || name is "id" => "0193a5c2-7c4e-7000-8000-000000000001",
                "format" => "png",
                "documentName" => "v1",
                _ => "x",
            });
            Assert.True(matchers.Any(m => Matches(m, sample)), $"{route} ({sample}) is routed by no edge rule: add it to deploy/traefik/dynamic_conf.yml and deploy/nginx/qrforge-locations.conf");
        }
    }

    [Fact]
    public void Classify_NegativeControl_ADriftedRuleIsSeen()
    {
        var nginx = NginxClasses(Repository.Read("deploy", "nginx", "qrforge-locations.conf").Replace("location = /metrics", "location = /metrix", StringComparison.Ordinal));
        Assert.False(TraefikClasses()["admin"].SetEquals(nginx["admin"]));
    }

    private static bool Matches(Matcher matcher, string path) => matcher.Kind switch
    {
        "prefix" => path.StartsWith(matcher.Value, StringComparison.Ordinal),
        "exact" => path == matcher.Value,
        _ => Regex.IsMatch(path, matcher.Value),
    };

    private static string Show(IEnumerable<Matcher> matchers) => string.Join(", ", matchers.Select(m => m.ToString()).Order(StringComparer.Ordinal));

    internal static Dictionary<string, HashSet<Matcher>> TraefikClasses()
    {
        var routers = (YamlMappingNode)YamlRoot(Repository.Read("deploy", "traefik", "dynamic_conf.yml"))["http"]["routers"];
        var classes = new Dictionary<string, HashSet<Matcher>>(StringComparer.Ordinal);
        foreach (var (key, value) in routers.Children)
        {
            var name = key.ToString();
            Assert.StartsWith("qrforge-", name, StringComparison.Ordinal);
            var rule = value["rule"].ToString();
            classes[name["qrforge-".Length..]] = [.. TraefikMatcher().Matches(rule).Select(m => new Matcher(m.Groups[1].Value switch
            {
                "PathPrefix" => "prefix",
                "Path" => "exact",
                _ => "regex",
            }, m.Groups[2].Value))];
        }

        return classes;
    }

    internal static Dictionary<string, HashSet<Matcher>> NginxClasses(string? text = null) =>
        NginxBlocks(text).Where(b => b.Zone is not null)
            .GroupBy(b => b.Zone!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(b => b.Matcher).ToHashSet(), StringComparer.Ordinal);

    private static IEnumerable<(Matcher Matcher, string? Zone, string Body)> NginxBlocks(string? text = null)
    {
        text ??= Repository.Read("deploy", "nginx", "qrforge-locations.conf");
        foreach (Match m in NginxLocation().Matches(text))
        {
            var kind = m.Groups[1].Value switch
            {
                "=" => "exact",
                "~" => "regex",
                _ => "prefix", // "^~" and none
            };
            // A quoted location (a regex holding braces) or a bare one.
            var path = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
            var zone = NginxZone().Match(m.Groups[4].Value);
            yield return (new Matcher(kind, path), zone.Success ? zone.Groups[1].Value : null, m.Groups[4].Value);
        }
    }

    private static HashSet<Matcher> IngressPaths(YamlNode ingress) =>
        [.. ((YamlSequenceNode)ingress["spec"]["rules"]).SelectMany(r => (YamlSequenceNode)r["http"]["paths"])
            .Select(p => new Matcher(p["pathType"].ToString() == "Exact" ? "exact" : "prefix", p["path"].ToString()))];

    private static YamlNode YamlRoot(string text) => Yaml.Documents(text).Single();

    [GeneratedRegex(@"\b(PathPrefix|Path|PathRegexp)\(`([^`]*)`\)")]
    private static partial Regex TraefikMatcher();

    [GeneratedRegex(@"location\s+(\^~|=|~)?\s*(?:""([^""]*)""|(\S+))\s*\{([^}]*)\}")]
    private static partial Regex NginxLocation();

    [GeneratedRegex(@"\{\**([A-Za-z_]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"limit_req\s+zone=(\w+)")]
    private static partial Regex NginxZone();
}
