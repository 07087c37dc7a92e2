namespace RedisAspire.Bench.Redis;

/// <summary>What one node reports: its <c>CLUSTER NODES</c> view, <c>cluster_state</c> and replication link.</summary>
public sealed record NodeState(BenchNode Node, IReadOnlyList<ClusterNodeLine> View, string ClusterState, string Role, string? MasterLinkStatus)
{
    public static async Task<NodeState> ReadAsync(BenchNode node, TimeSpan timeout)
    {
        await using var connection = await node.ConnectAsync(timeout);
        var nodes = (await connection.ExecuteAsync("CLUSTER", "NODES")).AsText("CLUSTER NODES");
        var info = Fields((await connection.ExecuteAsync("CLUSTER", "INFO")).AsText("CLUSTER INFO"));
        var replication = Fields((await connection.ExecuteAsync("INFO", "replication")).AsText("INFO replication"));
        return new NodeState(
            node,
            ClusterNodeLine.ParseAll(nodes),
            info.GetValueOrDefault("cluster_state", "unknown"),
            replication.GetValueOrDefault("role", "unknown"),
            replication.GetValueOrDefault("master_link_status"));
    }

    /// <summary>This node's own line in its view.</summary>
    public ClusterNodeLine? Myself => View.FirstOrDefault(l => l.Flags.Contains("myself"));

    private static Dictionary<string, string> Fields(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.Contains(':', StringComparison.Ordinal) && !l.StartsWith('#'))
            .Select(l => l.Split(':', 2))
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
}
