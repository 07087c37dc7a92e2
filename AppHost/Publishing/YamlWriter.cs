using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RedisAspire.AppHost.Publishing;

/// <summary>
/// Writes a JSON tree (objects keep their insertion order) as block-style YAML, so a generator builds one ordered tree
/// and the output is byte-for-byte deterministic. Strings are plain only when no YAML 1.1 or 1.2 parser could read them
/// as anything but a string; multi-line strings become literal blocks; everything else is double-quoted.
/// </summary>
public static class YamlWriter
{
    // Words YAML 1.1 resolvers (still common in Kubernetes tooling) read as booleans or null.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~",
    };

    /// <summary>One document per node, separated by <c>---</c>; <paramref name="header"/> lines become leading comments.</summary>
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

        var first = true;
        foreach (var document in documents)
        {
            if (!first)
            {
                text.Append("---\n");
            }

            first = false;
            if (document is not JsonObject root)
            {
                throw new ArgumentException("Every YAML document must be an object.", nameof(documents));
            }

            WriteObject(text, root, 0);
        }

        return text.ToString();
    }

    private static void WriteObject(StringBuilder text, JsonObject value, int indent, bool firstLineWritten = false)
    {
        foreach (var (key, child) in value)
        {
            if (!firstLineWritten)
            {
                text.Append(' ', indent);
            }

            firstLineWritten = false;
            text.Append(Key(key)).Append(':');
            WriteValue(text, child, indent, key);
        }
    }

    // Writes what follows "key:" or "-": a scalar on the same line, a collection on the next lines.
    private static void WriteValue(StringBuilder text, JsonNode? value, int indent, string context)
    {
        switch (value)
        {
            case JsonObject { Count: 0 }:
                text.Append(" {}\n");
                break;
            case JsonObject map:
                text.Append('\n');
                WriteObject(text, map, indent + 2);
                break;
            case JsonArray { Count: 0 }:
                text.Append(" []\n");
                break;
            case JsonArray list:
                text.Append('\n');
                WriteArray(text, list, indent);
                break;
            case JsonValue scalar:
                WriteScalar(text, scalar, indent);
                break;
            default:
                throw new ArgumentException($"'{context}' has no value; leave the key out instead.");
        }
    }

    private static void WriteArray(StringBuilder text, JsonArray list, int indent)
    {
        foreach (var item in list)
        {
            text.Append(' ', indent).Append('-');
            if (item is JsonObject { Count: > 0 } map)
            {
                text.Append(' ');
                WriteObject(text, map, indent + 2, firstLineWritten: true);
            }
            else
            {
                WriteValue(text, item, indent + 2, "-");
            }
        }
    }

    private static void WriteScalar(StringBuilder text, JsonValue scalar, int indent)
    {
        switch (scalar.GetValueKind())
        {
            case JsonValueKind.True:
                text.Append(" true\n");
                break;
            case JsonValueKind.False:
                text.Append(" false\n");
                break;
            case JsonValueKind.Number:
                text.Append(' ').Append(scalar.ToJsonString()).Append('\n');
                break;
            case JsonValueKind.String:
                WriteString(text, scalar.GetValue<string>(), indent);
                break;
            default:
                throw new ArgumentException($"Unsupported scalar {scalar.ToJsonString()}.");
        }
    }

    private static void WriteString(StringBuilder text, string value, int indent)
    {
        if (IsLiteralBlock(value))
        {
            // "|" keeps exactly one final line break, "|-" none; the content is indented two more than its key.
            text.Append(value.EndsWith('\n') ? " |\n" : " |-\n");
            foreach (var line in value.TrimEnd('\n').Split('\n'))
            {
                if (line.Length > 0)
                {
                    text.Append(' ', indent + 2).Append(line);
                }

                text.Append('\n');
            }

            return;
        }

        text.Append(' ').Append(IsPlain(value) ? value : Quote(value)).Append('\n');
    }

    private static string Key(string key) => IsPlain(key) ? key : Quote(key);

    // Plain scalars: letters, digits and a few punctuation marks, not starting like a number or an indicator.
    private static bool IsPlain(string value) =>
        value.Length > 0
        && !Reserved.Contains(value)
        && (char.IsAsciiLetter(value[0]) || value[0] is '/' or '_')
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '/' or '_' or '-')
        && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    // A literal block only for multi-line text it can carry exactly: no tabs or carriage returns, no trailing spaces,
    // at most one final line break, and a first line that does not start with a space.
    private static bool IsLiteralBlock(string value) =>
        value.Contains('\n', StringComparison.Ordinal)
        && !value.StartsWith(' ')
        && !value.StartsWith('\n')
        && !value.EndsWith("\n\n", StringComparison.Ordinal)
        && value.All(c => c == '\n' || (c >= ' ' && c != '\u007f'))
        && value.Split('\n').All(line => !line.EndsWith(' '));

    // A YAML double-quoted scalar: text stays readable, only what YAML cannot carry literally is escaped.
    private static string Quote(string value)
    {
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
