using System.Globalization;
using RedisAspire.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Resilience;

/// <summary>
/// A whole shard goes down (its master and every replica killed with SIGKILL). ClusterInit judges the cluster from the
/// nodes that answer as soon as they flag the missing ones failed, reports every shard and, for the lost one, what
/// survives and why Redis does not recover it. Only when a person asks (<c>Cluster:Takeover</c>) does it promote the
/// most up-to-date surviving replica; the old master, restarted later, comes back as that replica's replica.
/// </summary>
[Collection(ResilienceGroup.Name)]
public sealed class ShardLossTests(ITestOutputHelper output)
{
    /// <summary>ClusterInit's default: the early verdict must not depend on a short wait.</summary>
    private const string NodesTimeout = "00:01:00";

    private static readonly TimeSpan VerdictBound = TimeSpan.FromSeconds(10);

    [RedisFact]
    public async Task ShardWithOnlyARestartedReplicaThatRedisWillNotPromoteIsReportedWithinSecondsAndNothingChanges()
    {
        await using var cluster = await ResilientCluster.StartFormedAsync();
        var lost = await LoseShardAndRestartReplicaAsync(cluster);
        var running = Running(cluster);
        foreach (var i in running)
        {
            Assert.Equal("OK", await cluster.ExecTextAsync(i, "CONFIG", "RESETSTAT"));
        }

        var run = await RunClusterInitAsync(cluster);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.True(run.Duration < VerdictBound, $"the verdict took {run.Duration.TotalSeconds:0.0} s, expected under {VerdictBound.TotalSeconds:0} s; {run}");
        var replica = cluster.Nodes[lost.Replica];
        AssertSays(run, [
            $"Slots {lost.SlotText} are uncovered",
            $"{cluster.Nodes[lost.Master]} is down",
            $"{replica} with {lost.ReplicaKeys} keys at replication offset 0",
            "has not been up since it started",
            "cluster-replica-validity-factor 10",
            $"CLUSTER FAILOVER TAKEOVER on {replica.Name}",
            $"redis-cli -h {replica.Host} -p {replica.Port} --user admin --askpass cluster failover takeover",
            $"Cluster__Takeover={lost.SlotText}",
            "What a takeover loses",
            "ClusterInit changed nothing",
        ]);
        await ResilienceAssertions.AssertNotCalledAsync(cluster, running, ResilienceAssertions.RepairCommands);
        var myself = (await ClusterView.OfAsync(cluster, lost.Replica)).Single(e => e.IsMyself);
        Assert.True(myself.IsReplica && myself.MasterId == lost.MasterId, $"{replica} is {myself}, expected it still a replica of {lost.MasterId}");
        Assert.Equal(lost.ReplicaKeys, (await cluster.ExecAsync(lost.Replica, "DBSIZE")).AsInteger());
        output.WriteLine($"ClusterInit exit {run.ExitCode} in {run.Duration.TotalSeconds:0.0} s (Cluster:NodesTimeout {NodesTimeout}); its report:");
        output.WriteLine(Report(run));
    }

    [RedisFact]
    public async Task RequestedTakeoverPromotesTheRestartedReplicaAndTheClusterServesEveryKeyItHad()
    {
        await using var cluster = await ResilientCluster.StartFormedAsync();
        var lost = await LoseShardAndRestartReplicaAsync(cluster);

        var run = await TakeOverAsync(cluster, lost);

        output.WriteLine($"ClusterInit --Cluster:Takeover={lost.SlotText}: exit {run.ExitCode} in {run.Duration.TotalSeconds:0.0} s");
        output.WriteLine(Report(run));
    }

    [RedisFact]
    public async Task OldMasterRestartedAfterATakeoverRejoinsAsReplicaAndNoKeyWrittenAfterTheTakeoverIsLost()
    {
        await using var cluster = await ResilientCluster.StartFormedAsync();
        var lost = await LoseShardAndRestartReplicaAsync(cluster);
        await TakeOverAsync(cluster, lost);
        var written = await WriteKeysAsync(cluster, "after-takeover", 300);
        Assert.Contains(written.Keys, key => InSlots(KeySlot.Of(key), lost.Slots));
        await ResilientCluster.WaitUntilWrittenToAofAsync(cluster);

        await cluster.Nodes[lost.Master].StartAsync();
        var rejoined = await WaitForReplicaOfAsync(cluster, lost.Master, lost.Replica);
        var run = await ResilientCluster.RunClusterInitAsync(cluster);

        Assert.True(run.ExitCode == 0, run.ToString());
        await ResilienceAssertions.AssertReadyAsync(cluster);
        var myself = (await ClusterView.OfAsync(cluster, lost.Master)).Single(e => e.IsMyself);
        var promotedId = await cluster.ExecTextAsync(lost.Replica, "CLUSTER", "MYID");
        Assert.True(myself.IsReplica && myself.MasterId == promotedId, $"{cluster.Nodes[lost.Master]} is {myself}, expected a replica of {promotedId}");
        Assert.Equal(lost.MasterId, myself.Id);
        Assert.Equal((await cluster.ExecAsync(lost.Replica, "DBSIZE")).AsInteger(), (await cluster.ExecAsync(lost.Master, "DBSIZE")).AsInteger());
        await AssertKeysReadableAsync(cluster, lost.Keys);
        await AssertKeysReadableAsync(cluster, written);
        await ResilienceAssertions.AssertNoDestructiveCommandsAsync(cluster);
        output.WriteLine($"{cluster.Nodes[lost.Master]} came back as a replica of {cluster.Nodes[lost.Replica]} {rejoined.TotalMilliseconds:0} ms after its start; "
            + $"{written.Count} keys written after the takeover all readable; ClusterInit exit {run.ExitCode} in {run.Duration.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// Nine nodes, two replicas per master, both set never to fail over by themselves (<c>cluster-replica-no-failover</c>).
    /// One replica's replication breaks (a wrong <c>masterauth</c>), so it stops at a lower offset while the other keeps
    /// receiving writes; then the master dies. The takeover must promote the replica with the higher offset.
    /// </summary>
    [RedisFact]
    public async Task RequestedTakeoverPromotesTheSurvivingReplicaWithTheHigherOffset()
    {
        await using var cluster = await RedisTestCluster.StartAsync(ResilientCluster.Settings, 9);
        var formed = await RunClusterInitAsync(cluster, replicasPerMaster: 2);
        Assert.True(formed.ExitCode == 0, formed.ToString());
        var keys = await ResilientCluster.SeedKeysAsync(cluster, 300);
        var view = await ClusterView.OfAsync(cluster, 0);
        var masterLine = view.Single(e => e.IsMaster && e.Slots.Any(r => r.Start == 0));
        var master = ClusterView.IndexOf(cluster, masterLine);
        var replicas = view.Where(e => e.IsReplica && e.MasterId == masterLine.Id).Select(e => ClusterView.IndexOf(cluster, e)).Order().ToArray();
        Assert.Equal(2, replicas.Length);
        var (behind, ahead) = (replicas[0], replicas[1]);
        foreach (var replica in replicas)
        {
            Assert.Equal("OK", await cluster.ExecTextAsync(replica, "CONFIG", "SET", "cluster-replica-no-failover", "yes"));
        }

        Assert.Equal("OK", await cluster.ExecTextAsync(behind, "CONFIG", "SET", "masterauth", "not-the-replication-password"));
        Assert.Equal(1, (await cluster.ExecAsync(behind, "CLIENT", "KILL", "TYPE", "master")).AsInteger());
        await Poll.UntilAsync($"{cluster.Nodes[behind]}'s link to its master to stay down", ResilientCluster.RecoveryTimeout, async () =>
        {
            var replication = RedisInfo.Parse(await cluster.ExecTextAsync(behind, "INFO", "replication"));
            return replication.GetValueOrDefault("master_link_status") == "down" ? null : $"master_link_status:{replication.GetValueOrDefault("master_link_status")}";
        });
        var later = await WriteKeysAsync(cluster, "while-behind", 100, waitForReplica: true);
        await ResilientCluster.WaitUntilWrittenToAofAsync(cluster);
        var offsets = new Dictionary<int, long>
        {
            [behind] = long.Parse(RedisInfo.Parse(await cluster.ExecTextAsync(behind, "INFO", "replication"))["slave_repl_offset"], CultureInfo.InvariantCulture),
            [ahead] = long.Parse(RedisInfo.Parse(await cluster.ExecTextAsync(ahead, "INFO", "replication"))["slave_repl_offset"], CultureInfo.InvariantCulture),
        };
        Assert.True(offsets[ahead] > offsets[behind], $"offsets: {cluster.Nodes[behind]} {offsets[behind]}, {cluster.Nodes[ahead]} {offsets[ahead]}");

        await cluster.Nodes[master].KillAsync();
        Assert.Equal("OK", await cluster.ExecTextAsync(behind, "CONFIG", "SET", "masterauth", cluster.Credentials.ReplicationPassword));
        var run = await RunClusterInitAsync(cluster, takeover: "all", replicasPerMaster: 2);

        Assert.True(run.ExitCode == 0, run.ToString());
        AssertSays(run, [
            "cluster-replica-no-failover is yes",
            $"Most up to date: {cluster.Nodes[ahead].Name}, replication offset {offsets[ahead]}",
            $"{cluster.Nodes[ahead]}: CLUSTER FAILOVER TAKEOVER",
        ]);
        Assert.DoesNotContain($"{cluster.Nodes[behind]}: CLUSTER FAILOVER", run.Output, StringComparison.Ordinal);
        var promoted = (await ClusterView.OfAsync(cluster, ahead)).Single(e => e.IsMyself);
        Assert.True(promoted.IsMaster && promoted.Slots.SequenceEqual(masterLine.Slots), $"{cluster.Nodes[ahead]} is {promoted}, expected the master of {masterLine.Id}'s slots");
        var follower = (await ClusterView.OfAsync(cluster, behind)).Single(e => e.IsMyself);
        Assert.True(follower.IsReplica && follower.MasterId == promoted.Id, $"{cluster.Nodes[behind]} is {follower}, expected a replica of {promoted.Id}");
        await AssertKeysReadableAsync(cluster, keys);
        await AssertKeysReadableAsync(cluster, later);
        await ResilienceAssertions.AssertNotCalledAsync(cluster, Running(cluster), ResilienceAssertions.DestructiveCommands);
        output.WriteLine($"offsets before the kill: {cluster.Nodes[behind]} {offsets[behind]}, {cluster.Nodes[ahead]} {offsets[ahead]}; "
            + $"ClusterInit --Cluster:Takeover=all: exit {run.ExitCode} in {run.Duration.TotalSeconds:0.0} s");
        output.WriteLine(Report(run));
    }

    [RedisFact]
    public async Task ShardWithNoSurvivingCopyIsReportedAsSuchAndNothingChangesEvenWhenATakeoverIsRequested()
    {
        await using var cluster = await ResilientCluster.StartFormedAsync();
        await ResilientCluster.SeedKeysAsync(cluster);
        var (master, replica) = await ClusterView.ShardOfSlotAsync(cluster, 0);
        var slots = SlotText((await ClusterView.OfAsync(cluster, master)).Single(e => e.IsMyself).Slots);
        await Task.WhenAll(cluster.Nodes[master].KillAsync(), cluster.Nodes[replica].KillAsync());
        var running = Running(cluster);
        foreach (var i in running)
        {
            Assert.Equal("OK", await cluster.ExecTextAsync(i, "CONFIG", "RESETSTAT"));
        }

        var environment = Environment(cluster, takeover: null, replicasPerMaster: 1);
        var run = await ClusterInitProcess.RunAsync(["--Cluster:Takeover=all"], environment);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.True(run.Duration < VerdictBound, $"the verdict took {run.Duration.TotalSeconds:0.0} s, expected under {VerdictBound.TotalSeconds:0} s; {run}");
        AssertSays(run, [
            $"Slots {slots} are uncovered and have no copy anywhere reachable",
            $"their master {cluster.Nodes[master]} is down",
            $"its replica {cluster.Nodes[replica]} does not answer either",
            $"Cluster:Takeover=all: slots {slots} are not taken over: no replica of {cluster.Nodes[master].Name} answers",
            "ClusterInit changed nothing",
        ]);
        await ResilienceAssertions.AssertNotCalledAsync(cluster, running, ResilienceAssertions.RepairCommands);
        output.WriteLine($"ClusterInit --Cluster:Takeover=all: exit {run.ExitCode} in {run.Duration.TotalSeconds:0.0} s; its report:");
        output.WriteLine(Report(run));
    }

    [Fact]
    public async Task TakeoverIsRefusedInWatchModeSoItCanNeverHappenOnItsOwn()
    {
        var run = await ClusterInitProcess.RunAsync(
            ["--watch"], new Dictionary<string, string?> { ["Cluster__Takeover"] = "all" }, TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("never for --watch", run.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Seeds keys, then kills the master of slot 0 and its only replica with SIGKILL and restarts the replica alone on
    /// its data folder; returns once it has loaded its keys.
    /// </summary>
    private static async Task<LostShardScenario> LoseShardAndRestartReplicaAsync(RedisTestCluster cluster)
    {
        var keys = await ResilientCluster.SeedKeysAsync(cluster, 1000);
        var (master, replica) = await ClusterView.ShardOfSlotAsync(cluster, 0);
        var masterId = await cluster.ExecTextAsync(master, "CLUSTER", "MYID");
        var slots = (await ClusterView.OfAsync(cluster, master)).Single(e => e.IsMyself).Slots;
        var shardKeys = keys.Keys.Count(k => InSlots(KeySlot.Of(k), slots));

        await Task.WhenAll(cluster.Nodes[master].KillAsync(), cluster.Nodes[replica].KillAsync());
        await cluster.Nodes[replica].StartAsync();
        var loaded = (await cluster.ExecAsync(replica, "DBSIZE")).AsInteger();
        Assert.True(loaded == shardKeys, $"{cluster.Nodes[replica]} loaded {loaded} keys from its append-only file, expected the shard's {shardKeys}");
        return new LostShardScenario(master, replica, masterId, slots, SlotText(slots), keys, loaded);
    }

    /// <summary>Runs ClusterInit with <c>Cluster__Takeover</c> naming the lost shard's slots and asserts what the takeover must achieve.</summary>
    private static async Task<ProcessResult> TakeOverAsync(RedisTestCluster cluster, LostShardScenario lost)
    {
        var run = await RunClusterInitAsync(cluster, takeover: lost.SlotText);

        Assert.True(run.ExitCode == 0, run.ToString());
        var replica = cluster.Nodes[lost.Replica];
        AssertSays(run, [
            $"Takeover (Cluster:Takeover={lost.SlotText}): {replica}: CLUSTER FAILOVER TAKEOVER",
            "Redis will not promote a replica by itself",
            "Every slot is served again",
            $"{cluster.Nodes[lost.Master]} is down",
        ]);
        var promoted = (await ClusterView.OfAsync(cluster, lost.Replica)).Single(e => e.IsMyself);
        Assert.True(promoted.IsMaster && promoted.Slots.SequenceEqual(lost.Slots), $"{replica} is {promoted}, expected the master of slots {lost.SlotText}");
        foreach (var i in Running(cluster))
        {
            var info = RedisInfo.Parse(await cluster.ExecTextAsync(i, "CLUSTER", "INFO"));
            Assert.True(info["cluster_state"] == "ok" && info["cluster_slots_ok"] == "16384", $"{cluster.Nodes[i]}: {string.Join(", ", info)}");
        }

        Assert.Equal(lost.ReplicaKeys, (await cluster.ExecAsync(lost.Replica, "DBSIZE")).AsInteger());
        await AssertKeysReadableAsync(cluster, lost.Keys);
        await ResilienceAssertions.AssertNotCalledAsync(cluster, Running(cluster), ResilienceAssertions.DestructiveCommands);
        return run;
    }

    /// <summary>Writes <paramref name="count"/> keys spread over all slots; with <paramref name="waitForReplica"/> each is acknowledged by a replica.</summary>
    private static async Task<Dictionary<string, string>> WriteKeysAsync(RedisTestCluster cluster, string prefix, int count, bool waitForReplica = false)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var client = ClientOfRunningNodes(cluster);
        for (var i = 0; i < count; i++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{prefix}:{i:D4}");
            var value = $"{prefix}-{Guid.NewGuid():N}";
            if (waitForReplica)
            {
                Assert.True(await client.SetAndWaitAsync(key, value, TimeSpan.FromSeconds(2)) >= 1, $"SET {key} was acknowledged by no replica");
            }
            else
            {
                var reply = (await client.ExecuteAsync(key, ["SET", key, value]))[0];
                Assert.True(reply.Kind == RespReplyKind.SimpleString && reply.Text == "OK", $"SET {key} got {reply}");
            }

            keys[key] = value;
        }

        return keys;
    }

    /// <summary>Waits until node <paramref name="node"/> follows <paramref name="master"/> with its replication link up.</summary>
    private static Task<TimeSpan> WaitForReplicaOfAsync(RedisTestCluster cluster, int node, int master) =>
        Poll.UntilAsync($"{cluster.Nodes[node]} to become a replica of {cluster.Nodes[master]} with its link up", ResilientCluster.RecoveryTimeout, async () =>
        {
            var masterId = await cluster.ExecTextAsync(master, "CLUSTER", "MYID");
            var myself = (await ClusterView.OfAsync(cluster, node)).Single(e => e.IsMyself);
            var link = RedisInfo.Parse(await cluster.ExecTextAsync(node, "INFO", "replication")).GetValueOrDefault("master_link_status", "none");
            return myself.IsReplica && myself.MasterId == masterId && link == "up" ? null : $"{myself}, master_link_status:{link}";
        });

    /// <summary>Every key reads back with its value, through a client that knows only the running nodes.</summary>
    private static async Task AssertKeysReadableAsync(RedisTestCluster cluster, IReadOnlyDictionary<string, string> keys)
    {
        await using var client = ClientOfRunningNodes(cluster);
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

    /// <summary>A cluster client seeded with the running nodes only, so a node that is down is never tried first.</summary>
    private static ClusterKeyClient ClientOfRunningNodes(RedisTestCluster cluster) =>
        new([.. Running(cluster).Select(i => cluster.Nodes[i].Endpoint)], cluster.ApplicationPassword, TimeSpan.FromSeconds(5), cluster.ApplicationUser);

    private static Task<ProcessResult> RunClusterInitAsync(RedisTestCluster cluster, string? takeover = null, int replicasPerMaster = 1) =>
        ClusterInitProcess.RunAsync(Environment(cluster, takeover, replicasPerMaster));

    private static Dictionary<string, string?> Environment(RedisTestCluster cluster, string? takeover, int replicasPerMaster)
    {
        var environment = cluster.ClusterInitEnvironment();
        environment["Cluster__ReplicasPerMaster"] = replicasPerMaster.ToString(CultureInfo.InvariantCulture);
        environment["Cluster__NodesTimeout"] = NodesTimeout;
        environment["Cluster__ReadyTimeout"] = "00:00:30";
        environment["Cluster__Takeover"] = takeover;
        return environment;
    }

    private static void AssertSays(ProcessResult run, IEnumerable<string> expected)
    {
        foreach (var text in expected)
        {
            Assert.True(run.Output.Contains(text, StringComparison.Ordinal), $"ClusterInit's output does not contain '{text}'; {run}");
        }
    }

    private static List<int> Running(RedisTestCluster cluster) => [.. Enumerable.Range(0, cluster.Nodes.Count).Where(i => cluster.Nodes[i].IsRunning)];

    private static bool InSlots(int slot, IReadOnlyList<(int Start, int End)> ranges) => ranges.Any(r => r.Start <= slot && slot <= r.End);

    private static string SlotText(IReadOnlyList<(int Start, int End)> ranges) =>
        string.Join(',', ranges.Select(r => r.Start == r.End ? r.Start.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{r.Start}-{r.End}")));

    /// <summary>ClusterInit's report: its output from the first warning or error on (what it saw and decided), without the polls before.</summary>
    private static string Report(ProcessResult run)
    {
        var lines = run.Output.Split('\n');
        return string.Join('\n', lines.SkipWhile(line => !line.Contains("warn:", StringComparison.Ordinal) && !line.Contains("fail:", StringComparison.Ordinal)));
    }
}
