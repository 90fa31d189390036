using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace QrForge.Server.Tests.Deploy;

/// <summary>deploy/compose.yaml as the design draws it; no container engine runs here, so the file is read, not started.</summary>
public sealed partial class ComposeTests
{
    private static readonly YamlMappingNode Compose = (YamlMappingNode)Yaml.Documents(Repository.Read("deploy", "compose.yaml")).Single();

    private static YamlMappingNode Services => (YamlMappingNode)Yaml.Flatten(Compose["services"]);

    [Fact]
    public void Networks_TraefikNetAndAnInternalDatabaseNetwork()
    {
        var networks = (YamlMappingNode)Compose["networks"];
        Assert.True(networks.Children.ContainsKey("traefik_net"));
        Assert.Equal("true", networks["db"]["internal"].ToString());
        Assert.Equal(["db"], NetworksOf("postgres"));
        Assert.Equal(["db"], NetworksOf("redis"));
        Assert.Contains("traefik_net", NetworksOf("app"));
        Assert.Contains("db", NetworksOf("app"));
        Assert.DoesNotContain("db", NetworksOf("traefik"));
    }

    [Fact]
    public void Services_RestartHealthCheckAndNonRootApp()
    {
        foreach (var (name, service) in Services.Children.Select(c => (c.Key.ToString(), (YamlMappingNode)c.Value)))
        {
            if (name != "migrate")
            {
                Assert.True(service.Children.ContainsKey("restart"), $"{name} has no restart policy");
                Assert.True(service.Children.ContainsKey("healthcheck"), $"{name} has no health check");
            }
        }

        Assert.Equal("1654:1654", Services["app"]["user"].ToString());
        Assert.Contains("/ready", Services["app"]["healthcheck"]["test"].ToString(), StringComparison.Ordinal);
        var volumes = ((YamlMappingNode)Compose["volumes"]).Children.Keys.Select(k => k.ToString()).ToList();
        Assert.Contains("pgdata", volumes);
        Assert.Contains("letsencrypt", volumes);
        Assert.Contains("backups", volumes);
    }

    [Fact]
    public void Traefik_MountsTheShippedConfigurationAndPublishes80And443()
    {
        var mounts = ((YamlSequenceNode)Services["traefik"]["volumes"]).Select(v => v.ToString()).ToList();
        Assert.Contains("./traefik/traefik.yml:/etc/traefik/traefik.yml:ro", mounts);
        Assert.Contains("./traefik/dynamic_conf.yml:/etc/traefik/dynamic_conf.yml:ro", mounts);
        Assert.Equal(["80:80", "443:443"], ((YamlSequenceNode)Services["traefik"]["ports"]).Select(p => p.ToString()));
        var entryPoints = Yaml.Documents(Repository.Read("deploy", "traefik", "traefik.yml")).Single()["entryPoints"];
        Assert.Equal(":80", entryPoints["web"]["address"].ToString());
        Assert.Equal("websecure", entryPoints["web"]["http"]["redirections"]["entryPoint"]["to"].ToString());
        Assert.Equal(":443", entryPoints["websecure"]["address"].ToString());
    }

    [Fact]
    public void EnvExample_DefinesEveryVariableComposeAndTraefikUse()
    {
        var defined = Regex.Matches(Repository.Read("deploy", ".env.example"), @"^([A-Z_][A-Z0-9_]*)=", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var used = Variable().Matches(Repository.Read("deploy", "compose.yaml")).Select(m => m.Groups[1].Value)
            .Concat(Regex.Matches(Repository.Read("deploy", "traefik", "dynamic_conf.yml"), @"env ""([A-Z_]+)""").Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(used);
        Assert.Empty(used.Except(defined));
        // The original deployment's variables reach the service.
        var app = ((YamlMappingNode)Services["app"]["environment"]).Children.Keys.Select(k => k.ToString()).ToList();
        Assert.Contains("DATABASE_URL", app);
        Assert.Contains("REDIS_HOST", app);
        Assert.Contains("DATABASE_URL", ((YamlMappingNode)Services["backup"]["environment"]).Children.Keys.Select(k => k.ToString()));
    }

    private static List<string> NetworksOf(string service) => Services[service]["networks"] switch
    {
        YamlSequenceNode list => [.. list.Select(n => n.ToString())],
        YamlMappingNode map => [.. map.Children.Keys.Select(k => k.ToString())],
        _ => [],
    };

    // ${NAME} and ${NAME:-default}, not $$ (an escaped dollar for the container's shell).
    [GeneratedRegex(@"(?<!\$)\$\{([A-Z_][A-Z0-9_]*)")]
    private static partial Regex Variable();
}
