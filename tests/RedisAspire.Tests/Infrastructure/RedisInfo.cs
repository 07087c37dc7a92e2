namespace RedisAspire.Tests.Infrastructure;

/// <summary>Parses <c>INFO</c> and <c>CLUSTER INFO</c> replies (<c>field:value</c> lines, <c>#</c> section headers).</summary>
public static class RedisInfo
{
    public static IReadOnlyDictionary<string, string> Parse(string info)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in info.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (!line.StartsWith('#') && colon > 0)
            {
                fields[line[..colon]] = line[(colon + 1)..];
            }
        }

        return fields;
    }

    /// <summary>
    /// Names of the commands in <c>INFO commandstats</c>, e.g. <c>cluster|meet</c>: every command sent since the last
    /// reset, whether it was executed, rejected (e.g. MOVED) or failed.
    /// </summary>
    public static IReadOnlySet<string> CalledCommands(string commandStats) =>
        Parse(commandStats).Keys
            .Where(key => key.StartsWith("cmdstat_", StringComparison.Ordinal))
            .Select(key => key["cmdstat_".Length..])
            .ToHashSet(StringComparer.Ordinal);
}
