using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Resilience;

/// <summary>Assertions every resilience test ends with: Ready, no key lost, nothing destructive ever sent.</summary>
internal static class ResilienceAssertions
{
    /// <summary>Commands that destroy data or cluster state; ClusterInit must never send them ("Never lose data" (docs/architecture.md)).</summary>
    public static readonly IReadOnlyList<string> DestructiveCommands = ["cluster|reset", "flushall", "flushdb"];

    /// <summary>Every command a repair could send (slots, membership, roles) plus the destructive ones.</summary>
    public static readonly IReadOnlyList<string> RepairCommands =
    [
        "cluster|meet", "cluster|forget", "cluster|replicate", "cluster|setslot", "cluster|addslots", "cluster|addslotsrange",
        "cluster|delslots", "cluster|delslotsrange", "cluster|set-config-epoch", "cluster|failover", .. DestructiveCommands,
    ];

    public static async Task AssertReadyAsync(RedisTestCluster cluster)
    {
        var problem = await ClusterReadiness.FindProblemAsync(cluster);
        Assert.True(problem is null, $"The cluster is not Ready: {problem}");
    }

    /// <summary>Reads every key through the cluster and compares its value.</summary>
    public static async Task AssertKeysPresentAsync(RedisTestCluster cluster, IReadOnlyDictionary<string, string> keys)
    {
        await using var client = ClusterKeyClient.For(cluster);
        var wrong = new List<string>();
        foreach (var (key, expected) in keys)
        {
            var actual = await client.GetAsync(key);
            if (actual != expected)
            {
                wrong.Add($"{key}: {actual ?? "(nil)"} instead of {expected}");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {keys.Count} keys are missing or wrong:\n  " + string.Join("\n  ", wrong.Take(20)));
    }

    /// <summary>INFO commandstats on every node shows no CLUSTER RESET, FLUSHALL or FLUSHDB since it started.</summary>
    public static Task AssertNoDestructiveCommandsAsync(RedisTestCluster cluster) =>
        AssertNotCalledAsync(cluster, Enumerable.Range(0, cluster.Nodes.Count), DestructiveCommands);

    /// <summary>INFO commandstats on each of <paramref name="nodes"/> shows none of <paramref name="commands"/> since the last reset.</summary>
    public static async Task AssertNotCalledAsync(RedisTestCluster cluster, IEnumerable<int> nodes, IReadOnlyList<string> commands)
    {
        foreach (var i in nodes)
        {
            var called = RedisInfo.CalledCommands(await cluster.ExecTextAsync(i, "INFO", "commandstats"));
            var forbidden = called.Where(commands.Contains).Order(StringComparer.Ordinal).ToArray();
            Assert.True(
                forbidden.Length == 0,
                $"{cluster.Nodes[i]} executed {string.Join(", ", forbidden)}; all commands: {string.Join(", ", called.Order(StringComparer.Ordinal))}");
        }
    }
}
