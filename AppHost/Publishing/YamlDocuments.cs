using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RedisAspire.AppHost.Publishing;

/// <summary>
/// Writes JSON trees (objects keep their insertion order) as YAML documents with YamlDotNet, so a publisher builds one
/// ordered tree and the output is deterministic. Every string is double-quoted (no YAML 1.1 or 1.2 reader can take one
/// for a number, a boolean or a port pair); numbers and booleans are plain.
/// </summary>
public static class YamlDocuments
{
    /// <summary>One document per tree, separated by <c>---</c>; <paramref name="header"/> lines become leading comments.</summary>
    public static string Write(IEnumerable<JsonNode> documents, params string[] header)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(header);
        var text = new StringBuilder();
        foreach (var line in header)
        {
            if (line.Contains('\n', StringComparison.Ordinal))
            {
                throw new ArgumentException("A header comment is one line.", nameof(header));
            }

            text.Append("# ").Append(line).Append('\n');
        }

        var stream = new YamlStream([.. documents.Select(d => new YamlDocument(Node(d)))]);
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        stream.Save(writer, assignAnchors: false);
        return text.Append(writer.ToString()).ToString();
    }

    private static YamlNode Node(JsonNode? node) => node switch
    {
        JsonObject { Count: 0 } => new YamlMappingNode { Style = YamlDotNet.Core.Events.MappingStyle.Flow },
        JsonObject map => new YamlMappingNode(map.Select(p => KeyValuePair.Create<YamlNode, YamlNode>(new YamlScalarNode(p.Key), Node(p.Value)))),
        JsonArray { Count: 0 } => new YamlSequenceNode { Style = YamlDotNet.Core.Events.SequenceStyle.Flow },
        JsonArray list => new YamlSequenceNode(list.Select(Node)),
        JsonValue value => Scalar(value),
        null => new YamlScalarNode("null") { Style = ScalarStyle.Plain },
        _ => throw new ArgumentException($"Unsupported JSON node {node.GetType().Name}.", nameof(node)),
    };

    private static YamlScalarNode Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => new YamlScalarNode(value.GetValue<string>()) { Style = ScalarStyle.DoubleQuoted },
        JsonValueKind.True => new YamlScalarNode("true") { Style = ScalarStyle.Plain },
        JsonValueKind.False => new YamlScalarNode("false") { Style = ScalarStyle.Plain },
        JsonValueKind.Number => new YamlScalarNode(value.ToJsonString()) { Style = ScalarStyle.Plain },
        var kind => throw new ArgumentException($"Unsupported JSON value kind {kind}.", nameof(value)),
    };
}
