using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using RedisAspire.Hosting.Configuration;
using RedisAspire.Hosting.Lifecycle;
using RedisAspire.Tests.Hosting;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>The check that every node's client and bus port is free before anything starts.</summary>
public sealed class PortAvailabilityTests
{
    [Fact]
    public void FreePortsPass()
    {
        var nodes = Nodes(PortBlock.Allocate(6));

        PortAvailability.EnsureFree(nodes);
    }

    [Fact]
    public void ClientPortInUseNamesThePortTheNodeAndClusterBasePort()
    {
        var nodes = Nodes(PortBlock.Allocate(6));
        using var squatter = new TcpListener(IPAddress.Loopback, nodes[4].Port);
        squatter.Start();

        var ex = Assert.Throws<DistributedApplicationException>(() => PortAvailability.EnsureFree(nodes));

        Assert.StartsWith($"Port {nodes[4].Port} (client port of cache-4) on 127.0.0.1 is already in use", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Cluster:BasePort", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BusPortInUseNamesTheBusPort()
    {
        var nodes = Nodes(PortBlock.Allocate(6));
        using var squatter = new TcpListener(IPAddress.Loopback, nodes[1].BusPort);
        squatter.Start();

        var ex = Assert.Throws<DistributedApplicationException>(() => PortAvailability.EnsureFree(nodes));

        Assert.StartsWith($"Port {nodes[1].BusPort} (cluster bus port of cache-1)", ex.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<RedisNode> Nodes(int basePort) =>
        [.. Enumerable.Range(0, 6).Select(i => new RedisNode(i, $"cache-{i}", "127.0.0.1", basePort + i, basePort + i + 10000, $"/state/cache-{i}"))];
}
