using System.Diagnostics;
using RedisAspire.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Resilience;

/// <summary>A master dies under write load: Redis promotes its replica, the old master rejoins as a replica, nothing acknowledged is lost.</summary>
[Collection(ResilienceGroup.Name)]
public sealed class MasterFailoverTests(ITestOutputHelper output)
{
    private const int MinReplicatedBeforeKill = 20;

    private static readonly TimeSpan WriteInterval = TimeSpan.FromMilliseconds(10);

    [RedisFact]
    public async Task KilledMasterUnderWriteLoadIsReplacedByItsReplicaAndRejoinsAsReplica()
    {
        await using var cluster = await ResilientCluster.StartFormedAsync();
        var keys = await ResilientCluster.SeedKeysAsync(cluster);
        var (master, replica) = await ClusterView.ShardOfSlotAsync(cluster, 0);
        var lostId = await cluster.ExecTextAsync(master, "CLUSTER", "MYID");
        var observer = Enumerable.Range(0, cluster.Nodes.Count).First(i => i != master && i != replica);
        var masterSlots = (await ClusterView.OfAsync(cluster, master)).Single(e => e.IsMyself).Slots;
        var tags = KeySlot.TagsWhere(slot => masterSlots.Any(r => r.Start <= slot && slot <= r.End), 4);
        Assert.Equal(KeySlot.Of(tags[0]), (await cluster.ExecAsync(observer, "CLUSTER", "KEYSLOT", tags[0])).AsInteger());

        await using var client = ClusterKeyClient.For(cluster, TimeSpan.FromSeconds(1));
        await using var writer = ContinuousWriter.Start(client, tags, WriteInterval);
        await writer.WaitForSuccessAfterAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        await WaitForReplicatedWritesAsync(writer, MinReplicatedBeforeKill, TimeSpan.FromSeconds(30));

        var killedAt = writer.Now;
        var sinceKill = Stopwatch.StartNew();
        await cluster.Nodes[master].KillAsync();
        await ResilientCluster.WaitForNewOwnerAsync(cluster, observer, masterSlots[0].Start, lostId, TimeSpan.FromMilliseconds(20));
        var serverRecovery = sinceKill.Elapsed;
        var firstWriteAfter = await writer.WaitForSuccessAfterAsync(killedAt, ResilientCluster.RecoveryTimeout);
        await writer.WaitForSuccessAfterAsync(firstWriteAfter.EndedAt + TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

        await cluster.Nodes[master].StartAsync();
        var run = await ResilientCluster.RunClusterInitAsync(cluster);
        await writer.StopAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        await ResilienceAssertions.AssertReadyAsync(cluster);
        var rejoined = (await ClusterView.OfAsync(cluster, master)).Single(e => e.IsMyself);
        var promoted = (await ClusterView.OfAsync(cluster, replica)).Single(e => e.IsMyself);
        Assert.True(rejoined.IsReplica && rejoined.MasterId == promoted.Id, $"{cluster.Nodes[master]} is {rejoined}, expected a replica of {promoted.Id}");
        Assert.Equal(lostId, rejoined.Id);
        Assert.True(promoted.IsMaster && promoted.SlotCount > 0, $"{cluster.Nodes[replica]} is {promoted}, expected the new master");

        var attempts = writer.Attempts;
        var replicatedBeforeKill = attempts.Where(a => a.IsReplicated && a.EndedAt < killedAt).ToList();
        var replicated = attempts.Where(a => a.IsReplicated).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        Assert.True(replicatedBeforeKill.Count >= MinReplicatedBeforeKill, $"only {replicatedBeforeKill.Count} replicated writes before the kill");
        await ResilienceAssertions.AssertKeysPresentAsync(cluster, replicated);
        await ResilienceAssertions.AssertKeysPresentAsync(cluster, keys);
        await ResilienceAssertions.AssertNoDestructiveCommandsAsync(cluster);

        var lastBefore = attempts.Last(a => a.Written && a.EndedAt < killedAt);
        output.WriteLine($"cluster-node-timeout: {ResilientCluster.NodeTimeout.TotalMilliseconds:0} ms");
        output.WriteLine($"server side: {cluster.Nodes[observer]} saw a new master for slots {masterSlots[0].Start}-{masterSlots[0].End} "
            + $"{serverRecovery.TotalMilliseconds:0} ms after the kill");
        output.WriteLine($"client: first acknowledged write {(firstWriteAfter.EndedAt - killedAt).TotalMilliseconds:0} ms after the kill; "
            + $"no write succeeded for {(firstWriteAfter.EndedAt - lastBefore.EndedAt).TotalMilliseconds:0} ms");
        output.WriteLine($"writes: {attempts.Count} attempted, {attempts.Count(a => a.Written)} acknowledged, "
            + $"{replicatedBeforeKill.Count} replicated before the kill, {replicated.Count} replicated in all, all readable");
        output.WriteLine($"ClusterInit after the rejoin: exit {run.ExitCode} in {run.Duration.TotalSeconds:0.0} s");
        output.WriteLine(ResilientCluster.Decisions(run.Output));
    }

    /// <summary>On a loaded machine writes are slower: the kill waits until enough of them are confirmed by a replica.</summary>
    private static async Task WaitForReplicatedWritesAsync(ContinuousWriter writer, int count, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (writer.Attempts.Count(a => a.IsReplicated) < count)
        {
            Assert.True(
                waited.Elapsed < timeout,
                $"waited {timeout.TotalSeconds:0} s for {count} writes confirmed by WAIT 1; last seen {writer.Attempts.Count(a => a.IsReplicated)} of {writer.Attempts.Count} attempts");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
