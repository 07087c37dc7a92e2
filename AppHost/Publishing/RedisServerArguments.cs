using System.Text;

namespace RedisAspire.AppHost.Publishing;

/// <summary>
/// Turns redis.conf text (from <see cref="Redis.RedisConfigWriter"/>) into <c>redis-server</c> arguments
/// (<c>--key value …</c>), so a published node runs the very config AppHost writes without a file to mount.
/// </summary>
public static class RedisServerArguments
{
    /// <summary>One <c>--directive</c> followed by its values per directive line; comments and blank lines are dropped.</summary>
    public static IReadOnlyList<string> FromConfig(string config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var arguments = new List<string>();
        foreach (var line in config.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var words = Split(trimmed);
            arguments.Add("--" + words[0]);
            arguments.AddRange(words.Skip(1));
        }

        return arguments;
    }

    // redis-server quotes every argument itself, so values are handed over unquoted (the writer's "…" and \ escapes undone).
    private static List<string> Split(string line)
    {
        var words = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == ' ')
            {
                i++;
                continue;
            }

            var word = new StringBuilder();
            if (line[i] == '"')
            {
                for (i++; i < line.Length && line[i] != '"'; i++)
                {
                    if (line[i] == '\\' && i + 1 < line.Length)
                    {
                        i++;
                    }

                    word.Append(line[i]);
                }

                i++;
            }
            else
            {
                for (; i < line.Length && line[i] != ' '; i++)
                {
                    word.Append(line[i]);
                }
            }

            words.Add(word.ToString());
        }

        return words;
    }
}
