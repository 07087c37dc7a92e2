using System.Globalization;
using System.Text;

namespace RedisAspire.AppHost.Publishing;

/// <summary>
/// Renders a <see cref="YamlMapping"/> as block-style YAML, deterministically: every string is double-quoted (so no
/// value is ever read back as a number, boolean or null), multi-line strings become literal blocks, keys stay plain
/// when they are simple words.
/// </summary>
public static class YamlMappingWriter
{
    private const int IndentWidth = 2;

    /// <summary>The document text, ending with a newline; <paramref name="header"/> lines become leading comments.</summary>
    public static string Write(YamlMapping root, params string[] header)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(header);
        var text = new StringBuilder();
        foreach (var line in header)
        {
            text.Append("# ").Append(line).Append('\n');
        }

        WriteMapping(text, root, 0);
        return text.ToString();
    }

    private static void WriteMapping(StringBuilder text, YamlMapping mapping, int indent)
    {
        foreach (var (key, value) in mapping.Entries)
        {
            text.Append(' ', indent).Append(Key(key)).Append(':');
            WriteValue(text, value, indent);
        }
    }

    // Called right after "key:" or "-": writes " scalar\n" or a newline and the nested block.
    private static void WriteValue(StringBuilder text, object value, int indent)
    {
        switch (value)
        {
            case YamlMapping { Entries.Count: 0 }:
                text.Append(" {}\n");
                break;
            case YamlMapping mapping:
                text.Append('\n');
                WriteMapping(text, mapping, indent + IndentWidth);
                break;
            case string s when IsLiteralBlock(s):
                WriteLiteralBlock(text, s, indent + IndentWidth);
                break;
            case string s:
                text.Append(' ').Append(Quote(s)).Append('\n');
                break;
            case System.Collections.IEnumerable sequence:
                WriteSequence(text, [.. sequence.Cast<object>()], indent + IndentWidth);
                break;
            default:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static void WriteSequence(StringBuilder text, IReadOnlyList<object> items, int indent)
    {
        if (items.Count == 0)
        {
            text.Append(" []\n");
            return;
        }

        text.Append('\n');
        foreach (var item in items)
        {
            text.Append(' ', indent).Append('-');
            if (item is YamlMapping { Entries.Count: > 0 } mapping)
            {
                // "- first: value" then the other keys aligned under "first".
                var inner = new StringBuilder();
                WriteMapping(inner, mapping, indent + IndentWidth);
                text.Append(' ').Append(inner.ToString(indent + IndentWidth, inner.Length - indent - IndentWidth));
            }
            else
            {
                WriteValue(text, item, indent);
            }
        }
    }

    private static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"YAML value of type {value.GetType().Name} is not supported."),
    };

    // A literal block keeps a script readable; only for text whose lines need no escaping and end in one newline.
    private static bool IsLiteralBlock(string value) =>
        value.Contains('\n', StringComparison.Ordinal)
        && value.EndsWith('\n')
        && !value.EndsWith("\n\n", StringComparison.Ordinal)
        && !value.StartsWith(' ')
        && value.All(c => c == '\n' || !char.IsControl(c))
        && value.Split('\n').All(line => line.Length == 0 || !char.IsWhiteSpace(line[^1]));

    private static void WriteLiteralBlock(StringBuilder text, string value, int indent)
    {
        text.Append(" |\n");
        foreach (var line in value[..^1].Split('\n'))
        {
            if (line.Length > 0)
            {
                text.Append(' ', indent).Append(line);
            }

            text.Append('\n');
        }
    }

    private static string Key(string key) =>
        key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') && char.IsAsciiLetterOrDigit(key[0]) ? key : Quote(key);

    /// <summary>A YAML double-quoted scalar.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\t' => text.Append("\\t"),
                '\r' => text.Append("\\r"),
                _ when char.IsControl(c) => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }
}
