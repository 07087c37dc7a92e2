using RedisAspire.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Resilience;

/// <summary>
/// A node loses its data folder (a lost volume) and comes back empty with a new node ID at the same address:
/// ClusterInit forgets the old ID everywhere and makes the new node a replica, without losing a key; when the only
/// copy of a shard may have been overwritten from the empty node, it refuses and changes nothing.
/// </summary>
[Collection(ResilienceGroup.Name)]
public sealed class LostDataFolderTests(ITestOutputHelper output)
{
    [RedisFact]
    public async Task ReplicaWithLostDataFolderIsForgottenAndReplacedByItsEmptySuccessor()
    {
        await using var cluster = await ResilientCluster.StartFormedAsync();
        var keys = await ResilientCluster.SeedKeysAsync(cluster);
        var (master, replica) = await ClusterView.ShardOfSlotAsync(cluster, KeySlot.Count - 1);
        var oldId = await cluster.ExecTextAsync(replica, "CLUSTER", "MYID");

        await cluster.Nodes[replica].StopAsync();
        cluster.Nodes[replica].DeleteDataFolder();
        await cluster.Nodes[replica].StartAsync();
        var newId = await cluster.ExecTextAsync(replica, "CLUSTER", "MYID");
        var run = await ResilientCluster.RunClusterInitAsync(cluster);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.NotEqual(oldId, newId);
        await AssertReplacedAsync(cluster, run, replica, master, oldId, keys);
        output.WriteLine($"{cluster.Nodes[replica]}: {oldId} replaced by {newId}; ClusterInit exit {run.ExitCode} in {run.Duration.TotalSeconds:0.0} s");
        output.WriteLine(ResilientCluster.Decisions(run.Output));
    }

    [RedisFact]
    public async Task MasterWithLostDataFolderRejoinsEmptyAsReplicaOfItsPromotedReplica()
    {
        await using var cluster = await ResilientCluster.StartFormedAsync();
        var keys = await ResilientCluster.SeedKeysAsync(cluster);
        const int Slot = KeySlot.Count / 2;
        var (master, replica) = await ClusterView.ShardOfSlotAsync(cluster, Slot);
        var lostId = await cluster.ExecTextAsync(master, "CLUSTER", "MYID");

        await cluster.Nodes[master].KillAsync();
        cluster.Nodes[master].DeleteDataFolder();
        var takeover = await ResilientCluster.WaitForNewOwnerAsync(cluster, replica, Slot, lostId);
        await cluster.Nodes[master].StartAsync();
        var run = await ResilientCluster.RunClusterInitAsync(cluster);

        Assert.True(run.ExitCode == 0, run.ToString());
        await AssertReplacedAsync(cluster, run, master, replica, lostId, keys);
        output.WriteLine($"{cluster.Nodes[replica]} took over {takeover.TotalMilliseconds:0} ms after the kill; "
            + $"ClusterInit exit {run.ExitCode} in {run.Duration.TotalSeconds:0.0} s");
        output.WriteLine(ResilientCluster.Decisions(run.Output));
    }

    /// <summary>
    /// The master is restarted at once on an empty volume (a supervisor restarting a crashed node), so the others meet
    /// the empty node at its address before they flag the old master as failed: they mark it noaddr, and Redis never
    /// fails it over. Its replica keeps retrying that address and syncs in full from the empty node, discarding the
    /// shard's keys. ClusterInit refuses loudly: it exits 1 naming the replica and the lost shard, and sends no
    /// failover or destructive command, rather than promoting the emptied replica and reporting Ready.
    /// </summary>
    [RedisFact]
    public async Task MasterWipedAndRestartedWhoseReplicaResyncedFromTheEmptyNodeIsRefusedNotPromoted()
    {
        await using var cluster = await ResilientCluster.StartFormedAsync();
        await ResilientCluster.SeedKeysAsync(cluster);
        const int Slot = KeySlot.Count / 2;
        var (master, replica) = await ClusterView.ShardOfSlotAsync(cluster, Slot);
        var lostId = await cluster.ExecTextAsync(master, "CLUSTER", "MYID");
        var keysBefore = (await cluster.ExecAsync(replica, "DBSIZE")).AsInteger();

        await cluster.Nodes[master].KillAsync();
        cluster.Nodes[master].DeleteDataFolder();
        await cluster.Nodes[master].StartAsync();
        var synced = await WaitForFullSyncAsync(cluster, master);
        var keysAfter = (await cluster.ExecAsync(replica, "DBSIZE")).AsInteger();
        var run = await ResilientCluster.RunClusterInitAsync(cluster);

        Assert.True(run.ExitCode == 1, run.ToString());
        foreach (var expected in new[] { cluster.Nodes[replica].ToString(), $"replica of lost master {lostId}", "may have been overwritten" })
        {
            Assert.True(run.Output.Contains(expected, StringComparison.Ordinal), $"ClusterInit's output does not contain '{expected}'; {run}");
        }

        await ResilienceAssertions.AssertNotCalledAsync(
            cluster, Enumerable.Range(0, cluster.Nodes.Count), [.. ResilienceAssertions.DestructiveCommands, "cluster|failover"]);
        var myself = (await ClusterView.OfAsync(cluster, replica)).Single(e => e.IsMyself);
        Assert.True(myself.IsReplica && myself.MasterId == lostId, $"{cluster.Nodes[replica]} is {myself}, expected it still a replica of {lostId}");
        output.WriteLine($"{cluster.Nodes[master]} served a full sync {synced.TotalMilliseconds:0} ms after the restart; "
            + $"{cluster.Nodes[replica]} held {keysBefore} key(s) before, {keysAfter} after; ClusterInit exit {run.ExitCode} in {run.Duration.TotalSeconds:0.0} s");
        output.WriteLine(string.Join('\n', run.Output.Split('\n').Where(line => line.Contains("may have been overwritten", StringComparison.Ordinal))));
    }

    /// <summary>
    /// Waits until the surviving replica, which retries its master's address every second, has synced in full from
    /// the empty node now listening there. A supervisor restarts a crashed node long before anyone runs ClusterInit,
    /// so the test does not let ClusterInit win that race.
    /// </summary>
    private static Task<TimeSpan> WaitForFullSyncAsync(RedisTestCluster cluster, int restarted) =>
        Poll.UntilAsync(
            $"a replica to sync in full from {cluster.Nodes[restarted]} (INFO stats sync_full above 0)",
            ResilientCluster.RecoveryTimeout,
            async () =>
            {
                var stats = RedisInfo.Parse(await cluster.ExecTextAsync(restarted, "INFO", "stats"));
                var served = stats.GetValueOrDefault("sync_full", "0");
                return served != "0" ? null : $"sync_full:{served} acl_access_denied_auth:{stats.GetValueOrDefault("acl_access_denied_auth", "?")}";
            });

    /// <summary>
    /// The node that lost its data came back as a replica of <paramref name="master"/>, its old ID is forgotten
    /// everywhere, the cluster is Ready with every key, and nothing destructive was sent.
    /// </summary>
    private static async Task AssertReplacedAsync(
        RedisTestCluster cluster, ProcessResult run, int replaced, int master, string lostId, IReadOnlyDictionary<string, string> keys)
    {
        await ResilienceAssertions.AssertReadyAsync(cluster);
        await AssertReplicaOfAsync(cluster, replaced, master);
        await AssertForgottenEverywhereAsync(cluster, lostId, run, replaced);
        await ResilienceAssertions.AssertKeysPresentAsync(cluster, keys);
        await ResilienceAssertions.AssertNoDestructiveCommandsAsync(cluster);
    }

    /// <summary>Node <paramref name="replica"/> follows <paramref name="master"/> and, its sync done, holds as many keys.</summary>
    private static async Task AssertReplicaOfAsync(RedisTestCluster cluster, int replica, int master)
    {
        var myself = (await ClusterView.OfAsync(cluster, replica)).Single(e => e.IsMyself);
        var masterId = await cluster.ExecTextAsync(master, "CLUSTER", "MYID");
        Assert.True(myself.IsReplica && myself.MasterId == masterId, $"{cluster.Nodes[replica]} is {myself}, expected a replica of {cluster.Nodes[master]} ({masterId})");
        Assert.Equal((await cluster.ExecAsync(master, "DBSIZE")).AsInteger(), (await cluster.ExecAsync(replica, "DBSIZE")).AsInteger());
    }

    /// <summary>ClusterInit sent CLUSTER FORGET for <paramref name="id"/> to every other node, and no node knows it any more.</summary>
    private static async Task AssertForgottenEverywhereAsync(RedisTestCluster cluster, string id, ProcessResult run, int replaced)
    {
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            var nodes = await cluster.ExecTextAsync(i, "CLUSTER", "NODES");
            Assert.False(nodes.Contains(id, StringComparison.Ordinal), $"{cluster.Nodes[i]} still knows {id}:\n{nodes}");
            if (i != replaced)
            {
                var forget = $"{cluster.Nodes[i].Name} ({cluster.Nodes[i].Endpoint}): CLUSTER FORGET {id}";
                Assert.True(run.Output.Contains(forget, StringComparison.Ordinal), $"ClusterInit did not log '{forget}'; {run}");
            }
        }
    }
}
