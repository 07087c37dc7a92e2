using System.Globalization;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Resilience;

/// <summary>
/// Six nodes with a 2 s <c>cluster-node-timeout</c> (failover in seconds; only these tests use it, docs/architecture.md), each
/// announcing its bind address as AppHost's nodes do, formed into a Ready cluster by ClusterInit and holding keys.
/// </summary>
internal static class ResilientCluster
{
    public static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How long a test waits for something the cluster does by itself (a failover, a node rejoining).</summary>
    public static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(30);

    public static RedisNodeSettings Settings { get; } = new() { NodeTimeout = NodeTimeout, AnnounceBindAddress = true };

    /// <summary>Starts six empty nodes and lets ClusterInit form them into a Ready cluster.</summary>
    public static async Task<RedisTestCluster> StartFormedAsync()
    {
        var cluster = await RedisTestCluster.StartAsync(Settings);
        try
        {
            var run = await RunClusterInitAsync(cluster);
            Assert.True(run.ExitCode == 0, run.ToString());
            await ResilienceAssertions.AssertReadyAsync(cluster);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs ClusterInit once with a generous ReadyTimeout; <paramref name="nodesTimeout"/> is short where a node is
    /// meant to be down.
    /// </summary>
    public static Task<ProcessResult> RunClusterInitAsync(RedisTestCluster cluster, TimeSpan? nodesTimeout = null) =>
        cluster.RunClusterInitAsync(overrides: new Dictionary<string, string?>
        {
            ["Cluster__NodesTimeout"] = (nodesTimeout ?? TimeSpan.FromSeconds(10)).ToString("c", CultureInfo.InvariantCulture),
            ["Cluster__ReadyTimeout"] = "00:00:30",
        });

    /// <summary>ClusterInit's repair and failure lines, for the test output: what it decided, not every poll.</summary>
    public static string Decisions(string output) =>
        string.Join('\n', output.Split('\n', StringSplitOptions.TrimEntries).Where(line => line.Contains("Repair plan", StringComparison.Ordinal)
            || line.Contains("nothing to do", StringComparison.Ordinal)
            || line.Contains("cannot", StringComparison.Ordinal)
            || line.Contains("uncovered", StringComparison.Ordinal)
            || line.Contains("Cluster is ready", StringComparison.Ordinal)));

    /// <summary>
    /// Writes <paramref name="count"/> keys spread over all slots, each acknowledged by a replica (WAIT 1), and waits
    /// until every node has written them to its append-only file.
    /// </summary>
    public static async Task<Dictionary<string, string>> SeedKeysAsync(RedisTestCluster cluster, int count = 200)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var client = ClusterKeyClient.For(cluster);
        for (var i = 0; i < count; i++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"seed:{i:D4}");
            var value = string.Create(CultureInfo.InvariantCulture, $"value-{i}-{Guid.NewGuid():N}");
            var replicas = await client.SetAndWaitAsync(key, value, TimeSpan.FromSeconds(2));
            Assert.True(replicas >= 1, $"SET {key} was acknowledged by {replicas} replicas (WAIT 1 2000)");
            keys[key] = value;
        }

        await WaitUntilWrittenToAofAsync(cluster);
        return keys;
    }

    /// <summary>
    /// Waits until every running node has written its AOF buffer to the append-only file. With <c>appendfsync everysec</c>
    /// Redis postpones that write for up to 2 s while the previous fsync is still running (a busy disk), so a node
    /// killed in that window loses writes it acknowledged: Redis' documented everysec limit, which these tests do not
    /// exercise. A write that reached the file survives the process being killed.
    /// </summary>
    public static Task<TimeSpan> WaitUntilWrittenToAofAsync(RedisTestCluster cluster) =>
        Poll.UntilAsync(
            "every node's AOF buffer to be written to its append-only file (INFO persistence aof_buffer_length:0)",
            RecoveryTimeout,
            async () =>
            {
                var pending = new List<string>();
                for (var i = 0; i < cluster.Nodes.Count; i++)
                {
                    if (!cluster.Nodes[i].IsRunning)
                    {
                        continue;
                    }

                    var persistence = RedisInfo.Parse(await cluster.ExecTextAsync(i, "INFO", "persistence"));
                    var buffered = persistence.GetValueOrDefault("aof_buffer_length", "missing");
                    if (buffered != "0")
                    {
                        pending.Add($"{cluster.Nodes[i]} aof_buffer_length:{buffered} aof_delayed_fsync:{persistence.GetValueOrDefault("aof_delayed_fsync", "?")}");
                    }
                }

                return pending.Count == 0 ? null : string.Join("; ", pending);
            });

    /// <summary>Waits until node <paramref name="viewer"/> sees a master other than <paramref name="lostId"/> serving <paramref name="slot"/>.</summary>
    public static Task<TimeSpan> WaitForNewOwnerAsync(RedisTestCluster cluster, int viewer, int slot, string lostId, TimeSpan? interval = null) =>
        Poll.UntilAsync(
            $"{cluster.Nodes[viewer]} to see a new master (not {lostId[..8]}) serving slot {slot}",
            RecoveryTimeout,
            async () =>
            {
                var view = await ClusterView.OfAsync(cluster, viewer);
                var owner = view.FirstOrDefault(e => e.IsMaster && e.Slots.Any(r => r.Start <= slot && slot <= r.End));
                return owner is not null && owner.Id != lostId && !owner.Flags.Overlaps(["fail", "fail?"])
                    ? null
                    : $"slot {slot} served by {owner?.Id[..8] ?? "nobody"} ({(owner is null ? "" : string.Join(',', owner.Flags))})";
            },
            interval);
}
