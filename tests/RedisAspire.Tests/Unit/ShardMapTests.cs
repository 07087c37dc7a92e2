using RedisAspire.ClusterInit.Options;
using RedisAspire.ClusterInit.Recovery;

namespace RedisAspire.Tests.Unit;

/// <summary><see cref="ShardMap"/> and <see cref="ShardReport"/> on hand-built snapshots of a cluster missing nodes.</summary>
public sealed class ShardMapTests
{
    private static readonly FailoverSettings Defaults = new()
    {
        NodeTimeoutMs = 2000, ValidityFactor = 10, PingPeriodSeconds = 10, NoFailover = false, UptimeSeconds = 4,
    };

    [Fact]
    public void LostMasterIsListedWithItsSurvivingReplicaBesideTheServedShards()
    {
        var map = LostShardScenarios.Map(LostShardScenarios.Answering(LostShardScenarios.MasterDown()));

        Assert.Equal(["0-5460", "5461-10922", "10923-16383"], map.Shards.Select(s => s.SlotText));
        Assert.Equal([false, true, true], map.Shards.Select(s => s.Served));
        var lost = map.Shards[0];
        Assert.True(lost.Master.IsDown);
        Assert.Equal("redis-0", lost.Master.Name);
        Assert.Equal(["redis-3"], lost.SurvivingReplicas.Select(r => r.Name));
        Assert.Empty(map.Others);
        Assert.Empty(map.Unowned);
        var table = ShardReport.RenderTable(map);
        Assert.Contains("0-5460       NO      redis-0  127.0.0.1:7000  master   down: does not answer, flagged fail", table, StringComparison.Ordinal);
        Assert.Contains("redis-3  127.0.0.1:7003  replica  answers, link down since it started  339   0", table, StringComparison.Ordinal);
        Assert.Contains("5461-10922   yes     redis-1  127.0.0.1:7001  master   answers", table, StringComparison.Ordinal);
    }

    [Fact]
    public void MasterThatSomeNodeStillSeesConnectedIsNotDown()
    {
        var map = LostShardScenarios.Map(LostShardScenarios.Answering(LostShardScenarios.MasterDown("master,fail?", stillConnectedTo: 2)));

        var master = map.Shards[0].Master;
        Assert.False(master.IsDown);
        Assert.Equal("does not answer, not flagged failed by redis-2", master.State);
    }

    [Fact]
    public void RestartedReplicaRedisWillNotPromoteIsExplainedWithTheTakeoverCommandAndWhatItLoses()
    {
        var map = LostShardScenarios.Map(LostShardScenarios.Answering(LostShardScenarios.MasterDown()));
        var replica = map.Shards[0].SurvivingReplicas[0];
        var lost = new LostShard(map.Shards[0], [new SurvivingReplica(replica, Defaults, PromotionOutlook.Assess(replica, "redis-0", Defaults, 2, 3))]);

        var text = string.Join('\n', ShardReport.Explain(lost, map, new ClusterOptions { User = "admin", Password = "secret" }));

        Assert.Contains("Slots 0-5460 are uncovered: their master redis-0 (127.0.0.1:7000) is down", text, StringComparison.Ordinal);
        Assert.Contains("Surviving: redis-3 (127.0.0.1:7003) with 339 keys at replication offset 0.", text, StringComparison.Ordinal);
        Assert.Contains("has not been up since it started 4 s ago", text, StringComparison.Ordinal);
        Assert.Contains("CLUSTER FAILOVER TAKEOVER on redis-3 (redis-cli -h 127.0.0.1 -p 7003 --user admin --askpass cluster failover takeover)", text, StringComparison.Ordinal);
        Assert.Contains("--Cluster:Takeover=0-5460 (environment Cluster__Takeover=0-5460)", text, StringComparison.Ordinal);
        Assert.Contains("every write redis-0 accepted after the last one redis-3 received", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ShardWhoseReplicaIsDownTooHasNoCopyAnywhereReachable()
    {
        var scenario = LostShardScenarios.MasterDown();
        var line = ClusterScenario.Line(3, myself: false);
        foreach (var viewer in new[] { 1, 2, 4, 5 })
        {
            scenario.EditClusterNodes(viewer, line, line.Replace(" slave ", " slave,fail ", StringComparison.Ordinal));
        }

        var map = LostShardScenarios.Map(LostShardScenarios.Answering(scenario, down: 3));
        var lost = new LostShard(map.Shards[0], []);

        var text = string.Join('\n', ShardReport.Explain(lost, map, new ClusterOptions()));

        Assert.True(map.Shards[0].Replicas.Single().IsDown);
        Assert.Contains("Slots 0-5460 are uncovered and have no copy anywhere reachable", text, StringComparison.Ordinal);
        Assert.Contains("its replica redis-3 (127.0.0.1:7003) does not answer either", text, StringComparison.Ordinal);
        Assert.Contains("'redis-cli --cluster fix 127.0.0.1:7001'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void MostUpToDateReplicaHasTheHighestOffsetThenTheMostKeys()
    {
        var snapshots = LostShardScenarios.Answering(LostShardScenarios.MasterDown());
        var map = LostShardScenarios.Map(snapshots);
        ShardNode Replica(int index, long offset, long keys) => new()
        {
            Id = ClusterScenario.Id(index),
            Configured = snapshots.Single(s => s.Node.Index == index).Node,
            Snapshot = snapshots.Single(s => s.Node.Index == index) with
            {
                KeyCount = keys,
                Replication = new Dictionary<string, string> { ["role"] = "slave", ["slave_repl_offset"] = offset.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
        };
        var outlook = new PromotionOutlook(false, "test");

        var byOffset = new LostShard(map.Shards[0], [new(Replica(3, 100, 900), Defaults, outlook), new(Replica(4, 200, 800), Defaults, outlook)]);
        var byKeys = new LostShard(map.Shards[0], [new(Replica(3, 0, 900), Defaults, outlook), new(Replica(4, 0, 800), Defaults, outlook)]);

        Assert.Equal("redis-4", byOffset.MostUpToDate!.Node.Name);
        Assert.Equal("redis-3", byKeys.MostUpToDate!.Node.Name);
    }
}
