using YamlDotNet.RepresentationModel;

namespace QrForge.Server.Tests.Deploy;

/// <summary>
/// The Kustomize overlays render with <c>kubectl kustomize</c> (Debian's kubernetes-client) and hold what a
/// production install needs, wired together: the HPA and the PDB select the Deployment's pods, probes use /health and
/// /ready, pods run as non-root, the migration Job and the backup CronJob run the same image, Secrets and ConfigMaps
/// are referenced by the names they render with. No cluster is contacted (no schema server is reachable here: the
/// structure is checked by reading the rendered YAML).
/// </summary>
public sealed class KubernetesTests
{
    public static TheoryData<string> Overlays => new() { "production", "staging" };

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Overlay_Rendered_HoldsEveryKindWiredTogether(string overlay)
    {
        var objects = await RenderAsync(overlay);
        var kinds = objects.Select(o => o["kind"].ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var kind in new[] { "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "Job", "CronJob", "ConfigMap", "Secret", "Ingress", "PersistentVolumeClaim" })
        {
            Assert.Contains(kind, kinds);
        }

        var deployment = Single(objects, "Deployment");
        var name = deployment["metadata"]["name"].ToString();
        var podLabels = Labels(deployment["spec"]["template"]["metadata"]["labels"]);
        Assert.True(Selects(deployment["spec"]["selector"]["matchLabels"], podLabels));
        Assert.True(Selects(Single(objects, "PodDisruptionBudget")["spec"]["selector"]["matchLabels"], podLabels));
        Assert.True(Selects(Single(objects, "Service")["spec"]["selector"], podLabels));
        Assert.True(Selects(Single(objects, "NetworkPolicy")["spec"]["podSelector"]["matchLabels"], podLabels));
        Assert.Equal(name, Single(objects, "HorizontalPodAutoscaler")["spec"]["scaleTargetRef"]["name"].ToString());

        var pod = deployment["spec"]["template"]["spec"];
        Assert.Equal("true", pod["securityContext"]["runAsNonRoot"].ToString());
        var container = ((YamlSequenceNode)pod["containers"]).Single();
        Assert.Equal("/health", container["livenessProbe"]["httpGet"]["path"].ToString());
        Assert.Equal("/ready", container["readinessProbe"]["httpGet"]["path"].ToString());
        var image = container["image"].ToString();
        Assert.StartsWith("ghcr.io/", image, StringComparison.Ordinal);

        // Every workload gets its configuration from the ConfigMap and Secret that exist under their rendered names.
        var configMap = Single(objects, "ConfigMap")["metadata"]["name"].ToString();
        var secret = Single(objects, "Secret")["metadata"]["name"].ToString();
        var job = Single(objects, "Job")["spec"]["template"]["spec"];
        var cron = Single(objects, "CronJob")["spec"]["jobTemplate"]["spec"]["template"]["spec"];
        foreach (var spec in new[] { pod, job, cron })
        {
            var c = ((YamlSequenceNode)spec["containers"]).First();
            Assert.Equal(image, c["image"].ToString());
            var sources = ((YamlSequenceNode)c["envFrom"]).Select(e => ((YamlMappingNode)e).Children.Single()).ToList();
            Assert.Contains(sources, s => s.Key.ToString() == "configMapRef" && s.Value["name"].ToString() == configMap);
            Assert.Contains(sources, s => s.Key.ToString() == "secretRef" && s.Value["name"].ToString() == secret);
        }

        Assert.Equal(["qrforge", "db", "migrate"], ((YamlSequenceNode)((YamlSequenceNode)job["containers"]).First()["command"]).Select(n => n.ToString()));
        Assert.Contains("backup", ((YamlSequenceNode)((YamlSequenceNode)cron["containers"]).First()["command"]).Select(n => n.ToString()));
        var serviceName = Single(objects, "Service")["metadata"]["name"].ToString();
        foreach (var ingress in objects.Where(o => o["kind"].ToString() == "Ingress"))
        {
            foreach (var rule in (YamlSequenceNode)ingress["spec"]["rules"])
            {
                Assert.All((YamlSequenceNode)rule["http"]["paths"], p => Assert.Equal(serviceName, p["backend"]["service"]["name"].ToString()));
            }
        }
    }

    [Fact]
    public async Task Production_Image_IsPinnedToAVersion()
    {
        var deployment = Single(await RenderAsync("production"), "Deployment");
        var image = ((YamlSequenceNode)deployment["spec"]["template"]["spec"]["containers"]).Single()["image"].ToString();
        Assert.DoesNotMatch(":latest$", image);
        Assert.Matches(@":\d+\.\d+\.\d+$", image);
    }

    private static async Task<List<YamlNode>> RenderAsync(string overlay)
    {
        var kubectl = Repository.Tool("kubectl", "kubernetes-client");
        var (exitCode, output) = await Repository.RunAsync(kubectl, ["kustomize", Repository.File("deploy", "k8s", "overlays", overlay)]);
        Assert.True(exitCode == 0, output);
        // kustomize 5 prints deprecation warnings as comments before the YAML.
        return Yaml.Documents(output);
    }

    private static YamlNode Single(List<YamlNode> objects, string kind) => objects.Single(o => o["kind"].ToString() == kind);

    private static Dictionary<string, string> Labels(YamlNode node) =>
        ((YamlMappingNode)node).Children.ToDictionary(c => c.Key.ToString(), c => c.Value.ToString(), StringComparer.Ordinal);

    private static bool Selects(YamlNode selector, Dictionary<string, string> labels) =>
        Labels(selector).All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value);
}
