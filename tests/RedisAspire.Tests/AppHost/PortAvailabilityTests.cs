using System.Net;
using System.Net.Sockets;
using RedisAspire.AppHost;
using RedisAspire.AppHost.Options;
using RedisAspire.AppHost.Redis;
using RedisAspire.AppHost.Topology;
using RedisAspire.Tests.Hosting;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>The check that every node's client and bus port is free before anything starts.</summary>
public sealed class PortAvailabilityTests
{
    [Fact]
    public void FreePortsPass()
    {
        var nodes = ClusterTopology.Compute(new RedisClusterOptions { BasePort = PortBlock.Allocate(6) }, "/state");

        PortAvailability.EnsureFree(nodes);
    }

    [Fact]
    public void ClientPortInUseNamesThePortTheNodeAndClusterBasePort()
    {
        var nodes = ClusterTopology.Compute(new RedisClusterOptions { BasePort = PortBlock.Allocate(6) }, "/state");
        using var squatter = new TcpListener(IPAddress.Loopback, nodes[4].Port);
        squatter.Start();

        var ex = Assert.Throws<AppHostException>(() => PortAvailability.EnsureFree(nodes));

        Assert.StartsWith($"Port {nodes[4].Port} (client port of redis-4) on 127.0.0.1 is already in use", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Cluster:BasePort", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BusPortInUseNamesTheBusPort()
    {
        var nodes = ClusterTopology.Compute(new RedisClusterOptions { BasePort = PortBlock.Allocate(6) }, "/state");
        using var squatter = new TcpListener(IPAddress.Loopback, nodes[1].BusPort);
        squatter.Start();

        var ex = Assert.Throws<AppHostException>(() => PortAvailability.EnsureFree(nodes));

        Assert.StartsWith($"Port {nodes[1].BusPort} (cluster bus port of redis-1)", ex.Message, StringComparison.Ordinal);
    }
}
