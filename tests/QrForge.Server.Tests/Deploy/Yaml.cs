using YamlDotNet.RepresentationModel;

namespace QrForge.Server.Tests.Deploy;

internal static class Yaml
{
    /// <summary>Every document of a (multi-document) YAML text, as YamlDotNet's representation model.</summary>
    public static List<YamlNode> Documents(string text)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(text);
        stream.Load(reader);
        return [.. stream.Documents.Select(d => d.RootNode).Where(n => n is YamlMappingNode)];
    }

    /// <summary>A copy with YAML merge keys (<c>&lt;&lt;: *anchor</c>) applied, as docker compose reads them; keys given beside a merge win.</summary>
    public static YamlNode Flatten(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var result = new YamlMappingNode();
                foreach (var (key, value) in map.Children)
                {
                    if (key.ToString() == "<<" && Flatten(value) is YamlMappingNode merged)
                    {
                        foreach (var (k, v) in merged.Children)
                        {
                            if (!map.Children.ContainsKey(k))
                            {
                                result.Children[k] = v;
                            }
                        }
                    }
                    else
                    {
                        result.Children[key] = Flatten(value);
                    }
                }

                return result;
            case YamlSequenceNode list:
                return new YamlSequenceNode(list.Children.Select(Flatten));
            default:
                return node;
        }
    }
}
