using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.Tests.Unit;

public class NodeSnapshotTests
{
    private static readonly string FreshNode = $"{ClusterScenario.Id(0)} :7000@17000 myself,master - 0 0 0 connected\n";

    [Fact]
    public void FindsItselfInItsOwnView()
    {
        var snapshot = ClusterScenario.Ready().Snapshot(4);

        Assert.NotNull(snapshot.Myself);
        Assert.Equal(ClusterScenario.Id(4), snapshot.Id);
        Assert.True(snapshot.Myself.IsReplica);
        Assert.Equal("ok", snapshot.ClusterState);
    }

    [Fact]
    public void HasNoIdWithoutClusterView()
    {
        var snapshot = new NodeSnapshot { Node = ClusterScenario.Node(0), ClusterEnabled = false, KeyCount = 0 };

        Assert.Null(snapshot.Myself);
        Assert.Null(snapshot.Id);
        Assert.Equal("unknown", snapshot.ClusterState);
        Assert.False(snapshot.IsEmptyAndAlone);
    }

    [Fact]
    public void FreshNodeIsEmptyAndAlone()
    {
        Assert.True(Fresh(keys: 0).IsEmptyAndAlone);
    }

    [Fact]
    public void NodeHoldingKeysIsNotEmpty()
    {
        Assert.False(Fresh(keys: 1).IsEmptyAndAlone);
    }

    [Fact]
    public void NodeThatKnowsAnotherNodeIsNotAlone()
    {
        var text = FreshNode + $"{ClusterScenario.Id(1)} 127.0.0.1:7001@17001 master - 0 0 0 connected\n";

        Assert.False(Fresh(keys: 0, text).IsEmptyAndAlone);
    }

    [Theory]
    [InlineData(" 0")]
    [InlineData(" 0-16383")]
    [InlineData(" [7-<-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb]")]
    [InlineData(" [7->-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb]")]
    public void NodeWithSlotsOrSlotsInTransitIsNotEmpty(string slots)
    {
        Assert.False(Fresh(keys: 0, FreshNode.TrimEnd('\n') + slots + "\n").IsEmptyAndAlone);
    }

    [Fact]
    public void DescribesReplicaWithWhatItKnowsAndOwns()
    {
        var snapshot = ClusterScenario.Ready().Snapshot(3) with { KeyCount = 12 };

        Assert.Equal("redis-3 (127.0.0.1:7003): replica, knows 5 other node(s), owns 0 slot(s), holds 12 key(s), cluster_state:ok", snapshot.Describe());
    }

    [Fact]
    public void DescribesMasterWithItsSlotCount()
    {
        var snapshot = ClusterScenario.Ready().Snapshot(0);

        Assert.Equal("redis-0 (127.0.0.1:7000): master, knows 5 other node(s), owns 5461 slot(s), holds 0 key(s), cluster_state:ok", snapshot.Describe());
    }

    [Fact]
    public void DescribesNodeWithClusterModeDisabledAndSaysHowToFixIt()
    {
        var snapshot = new NodeSnapshot { Node = ClusterScenario.Node(2), ClusterEnabled = false, KeyCount = 3 };

        var description = snapshot.Describe();

        Assert.StartsWith("redis-2 (127.0.0.1:7002): cluster mode is disabled", description, StringComparison.Ordinal);
        Assert.Contains("cluster-enabled yes", description, StringComparison.Ordinal);
        Assert.Contains("3 key(s)", description, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribesFreshNodeWithUnknownClusterState()
    {
        Assert.Equal(
            "redis-0 (127.0.0.1:7000): master, knows 0 other node(s), owns 0 slot(s), holds 0 key(s), cluster_state:unknown",
            Fresh(keys: 0).Describe());
    }

    private static NodeSnapshot Fresh(long keys, string? clusterNodes = null) => new()
    {
        Node = ClusterScenario.Node(0),
        ClusterEnabled = true,
        KeyCount = keys,
        View = ClusterNodesParser.Parse(clusterNodes ?? FreshNode),
    };
}
