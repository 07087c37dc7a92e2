using YamlDotNet.RepresentationModel;

namespace RedisAspire.Tests.Publishing;

/// <summary>Reads YAML with YamlDotNet (a parser independent of the writer under test) and navigates it by key.</summary>
public static class YamlNodes
{
    /// <summary>Every document of <paramref name="path"/>, each a mapping.</summary>
    public static IReadOnlyList<YamlMappingNode> LoadAll(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Select(d => Assert.IsType<YamlMappingNode>(d.RootNode))];
    }

    public static YamlMappingNode LoadSingle(string path) => Assert.Single(LoadAll(path));

    /// <summary>The value at <paramref name="key"/>; fails the test naming the key when it is missing.</summary>
    public static YamlNode Get(this YamlNode node, string key)
    {
        var map = Assert.IsType<YamlMappingNode>(node);
        Assert.True(map.Children.TryGetValue(new YamlScalarNode(key), out var value), $"missing key '{key}' in {node.Start}");
        return value;
    }

    public static bool Has(this YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.ContainsKey(new YamlScalarNode(key));

    /// <summary>Follows a dotted path of keys, e.g. <c>spec.template.spec</c>.</summary>
    public static YamlNode At(this YamlNode node, string path) => path.Split('.').Aggregate(node, (current, key) => current.Get(key));

    public static string Text(this YamlNode node) => Assert.IsType<YamlScalarNode>(node).Value ?? "";

    public static int Int(this YamlNode node)
    {
        var scalar = Assert.IsType<YamlScalarNode>(node);
        Assert.Equal(YamlDotNet.Core.ScalarStyle.Plain, scalar.Style);
        return int.Parse(scalar.Value!, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static IReadOnlyList<YamlNode> Items(this YamlNode node) => [.. Assert.IsType<YamlSequenceNode>(node).Children];

    public static IReadOnlyList<string> Texts(this YamlNode node) => [.. node.Items().Select(Text)];

    /// <summary>The mapping in <paramref name="node"/> (a sequence) whose <c>name</c> is <paramref name="name"/>.</summary>
    public static YamlNode Named(this YamlNode node, string name)
    {
        var matches = node.Items().Where(i => i.Has("name") && i.Get("name").Text() == name).ToList();
        return Assert.Single(matches);
    }

    public static Dictionary<string, string> TextMap(this YamlNode node) =>
        Assert.IsType<YamlMappingNode>(node).Children.ToDictionary(c => c.Key.Text(), c => c.Value.Text(), StringComparer.Ordinal);
}
