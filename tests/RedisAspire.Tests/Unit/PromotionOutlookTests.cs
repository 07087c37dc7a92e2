using RedisAspire.ClusterInit.Recovery;

namespace RedisAspire.Tests.Unit;

/// <summary><see cref="PromotionOutlook"/>: Redis' own rules for a replica whose master is down.</summary>
public sealed class PromotionOutlookTests
{
    private static readonly FailoverSettings Defaults = new()
    {
        NodeTimeoutMs = 2000, ValidityFactor = 10, PingPeriodSeconds = 10, NoFailover = false, UptimeSeconds = 7,
    };

    [Fact]
    public void ReplicaRestartedWhileItsMasterWasDownIsNeverPromotedByRedis()
    {
        var outlook = Assess(LostShardScenarios.RestartedReplication, Defaults);

        Assert.False(outlook.RedisWillPromote);
        Assert.Contains("has not been up since it started 7 s ago", outlook.Reason, StringComparison.Ordinal);
        Assert.Contains("cluster-replica-validity-factor 10", outlook.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplicaRestartedIsJudgedBeforeItsMasterIsFlaggedFailed()
    {
        var outlook = Assess(LostShardScenarios.RestartedReplication, Defaults, masterFlags: "master,fail?");

        Assert.False(outlook.RedisWillPromote);
    }

    [Fact]
    public void ReplicaWhoseLinkIsDownLongerThanTheValidityWindowIsNotPromoted()
    {
        var outlook = Assess(LinkDown(40), Defaults);

        Assert.False(outlook.RedisWillPromote);
        Assert.Contains("(40 s), longer than Redis lets a replica fail over", outlook.Reason, StringComparison.Ordinal);
        Assert.Contains("cluster-node-timeout 2 s + repl-ping-replica-period 10 s + cluster-replica-validity-factor 10 × cluster-node-timeout = 32 s", outlook.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplicaWhoseLinkWentDownRecentlyIsPromotedByRedis()
    {
        var outlook = Assess(LinkDown(5), Defaults);

        Assert.True(outlook.RedisWillPromote);
        Assert.Contains("Redis should promote it within seconds", outlook.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidityFactorZeroLetsEvenARestartedReplicaBePromoted()
    {
        var outlook = Assess(LostShardScenarios.RestartedReplication, Defaults with { ValidityFactor = 0 });

        Assert.True(outlook.RedisWillPromote);
    }

    [Fact]
    public void ReplicaConfiguredNeverToFailOverIsNotPromoted()
    {
        var outlook = Assess(LinkDown(1), Defaults with { NoFailover = true });

        Assert.False(outlook.RedisWillPromote);
        Assert.Contains("cluster-replica-no-failover is yes", outlook.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAMajorityOfMastersNoReplicaIsPromoted()
    {
        var outlook = Assess(LinkDown(1), Defaults, mastersUp: 1);

        Assert.False(outlook.RedisWillPromote);
        Assert.Contains("only 1 of the 3 masters that own slots answer; Redis needs a majority (2)", outlook.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableSettingsAreSaidToBeUnknown()
    {
        var outlook = Assess(LinkDown(5), FailoverSettings.Unknown);

        Assert.False(outlook.RedisWillPromote);
        Assert.Contains("cannot read its failover settings", outlook.Reason, StringComparison.Ordinal);
    }

    private static string LinkDown(int seconds) =>
        $"# Replication\r\nrole:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:7000\r\nmaster_link_status:down\r\nmaster_link_down_since_seconds:{seconds}\r\nslave_repl_offset:5000\r\n";

    private static PromotionOutlook Assess(string replication, FailoverSettings settings, string masterFlags = "master,fail", int mastersUp = 2)
    {
        var scenario = LostShardScenarios.MasterDown(masterFlags);
        scenario.Replication[3] = replication;
        var replica = LostShardScenarios.Map(LostShardScenarios.Answering(scenario)).Shards[0].SurvivingReplicas.Single();
        return PromotionOutlook.Assess(replica, "redis-0", settings, mastersUp, 3);
    }
}
