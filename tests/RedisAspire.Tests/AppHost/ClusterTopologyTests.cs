using RedisAspire.AppHost.Options;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>Node names, ports and folders AppHost computes from the options.</summary>
public sealed class ClusterTopologyTests
{
    [Fact]
    public void DefaultShapeIsSixNodesOnConsecutivePorts()
    {
        var nodes = ClusterTopology.Compute(new RedisClusterOptions { BasePort = 7600 }, "/state");

        Assert.Equal(["redis-0", "redis-1", "redis-2", "redis-3", "redis-4", "redis-5"], nodes.Select(n => n.Name));
        Assert.Equal([7600, 7601, 7602, 7603, 7604, 7605], nodes.Select(n => n.Port));
        Assert.Equal([17600, 17601, 17602, 17603, 17604, 17605], nodes.Select(n => n.BusPort));
        Assert.Equal(Enumerable.Range(0, 6), nodes.Select(n => n.Index));
        Assert.All(nodes, n => Assert.Equal("127.0.0.1", n.Host));
    }

    [Fact]
    public void EachNodeHasItsOwnFolderUnderTheStateDirectory()
    {
        var nodes = ClusterTopology.Compute(new RedisClusterOptions(), "/state/../state");

        Assert.All(nodes, n => Assert.Equal(Path.Combine("/state", n.Name), n.Directory));
        Assert.Equal("/state/redis-2/redis.conf", nodes[2].ConfigPath);
        Assert.Equal("/state/redis-2/redis.log", nodes[2].LogPath);
    }

    [Fact]
    public void NodeCountIsMastersTimesOnePlusReplicas()
    {
        var nodes = ClusterTopology.Compute(new RedisClusterOptions { Masters = 4, ReplicasPerMaster = 2, BasePort = 7000 }, "/state");

        Assert.Equal(12, nodes.Count);
        Assert.Equal(7011, nodes[^1].Port);
        Assert.Equal("redis-11", nodes[^1].Name);
    }

    [Fact]
    public void Ipv6AnnounceAddressIsBracketedInEndpoints()
    {
        var nodes = ClusterTopology.Compute(new RedisClusterOptions { AnnounceIp = "0:0:0:0:0:0:0:1", BasePort = 7000 }, "/state");

        Assert.Equal("::1", nodes[0].Host);
        Assert.Equal("[::1]:7000", nodes[0].Endpoint);
    }
}
