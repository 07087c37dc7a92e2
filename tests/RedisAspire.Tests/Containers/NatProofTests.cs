using System.Globalization;
using RedisAspire.Tests.Infrastructure;
using RedisAspire.Tests.Resilience;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Containers;

/// <summary>
/// The NAT proof in bridge mode: a client that reaches the nodes only through their published ports (a network
/// namespace with a route to the gateway alone) works on every master when nodes announce the gateway and published
/// ports, and is sent to unreachable container addresses when they do not. Both halves together show the announce
/// settings are what make it work.
/// </summary>
[Collection(ContainerGroup.Name)]
public sealed class NatProofTests(ITestOutputHelper output)
{
    [PodmanFact]
    public async Task ClientOutsideTheContainerNetworkWritesAndReadsOnEveryMasterWhenNodesAnnouncePublishedPorts()
    {
        await using var cluster = await RawBridgeCluster.StartAsync(announce: true);
        await using var client = await NetworkNamespaceClient.CreateAsync(cluster.Gateway);
        output.WriteLine($"Announcing cluster on {cluster.Subnet}; ClusterInit formed it in {cluster.Formation!.Duration.TotalSeconds:0.0} s.");
        var view = await cluster.ClusterNodesAsync();
        var masters = view.Where(node => node.IsMaster).ToList();

        Assert.Equal(6, view.Count);
        Assert.Equal(3, masters.Count);
        Assert.All(view, node => Assert.Equal(cluster.Gateway, node.Host));
        Assert.Equal(cluster.Nodes.Select(node => node.PublishedPort).Order(), view.Select(node => node.Port).Order());
        await AssertUnreachableAsync(client, cluster, cluster.Nodes[0]);
        foreach (var master in masters)
        {
            foreach (var key in SlotKeys.Across(master))
            {
                var value = $"value of {key}";
                var set = await client.RedisCliAsync(cluster.Password, "-c", "-h", cluster.Gateway, "-p", Port(cluster.Nodes[0]), "SET", key, value);
                var get = await client.RedisCliAsync(cluster.Password, "-c", "-h", cluster.Gateway, "-p", Port(cluster.Nodes[^1]), "GET", key);

                Assert.True(set.ExitCode == 0 && set.StandardOutput.Trim() == "OK", $"SET {key} (slot {KeySlot.Of(key)}, master {master.Endpoint}): {set}");
                Assert.True(get.ExitCode == 0 && get.StandardOutput.Trim() == value, $"GET {key} (slot {KeySlot.Of(key)}, master {master.Endpoint}): {get}");
                Assert.Equal(value, (await cluster.ExecAsync(cluster.NodeOf(master), "GET", key)).AsText());
            }
        }
    }

    [PodmanFact]
    public async Task SameClientIsSentToUnreachableContainerAddressesWhenNodesDoNotAnnounce()
    {
        await using var cluster = await RawBridgeCluster.StartAsync(announce: false);
        await using var client = await NetworkNamespaceClient.CreateAsync(cluster.Gateway);
        output.WriteLine($"Non-announcing cluster on {cluster.Subnet}; ClusterInit formed it in {cluster.Formation!.Duration.TotalSeconds:0.0} s.");
        var view = await cluster.ClusterNodesAsync();
        var masters = view.Where(node => node.IsMaster).ToList();
        var entry = cluster.NodeOf(masters[0]);

        Assert.Equal(6, view.Count);
        Assert.Equal(3, masters.Count);
        Assert.Equal(cluster.Nodes.Select(node => node.ContainerIp).Order(), view.Select(node => node.Host).Order());
        await AssertUnreachableAsync(client, cluster, entry);
        foreach (var master in masters)
        {
            foreach (var key in SlotKeys.Across(master))
            {
                var set = await client.RedisCliAsync(cluster.Password, "-c", "-h", cluster.Gateway, "-p", Port(entry), "SET", key, "value");
                var stored = await cluster.ExecAsync(cluster.NodeOf(master), "GET", key);
                var because = $"SET {key} (slot {KeySlot.Of(key)}, master {master.Endpoint}) through {cluster.Gateway}:{entry.PublishedPort}: {set}";

                if (master.Id == masters[0].Id)
                {
                    // The entry node's own slots: the published port itself works, only redirects are broken.
                    Assert.True(set.ExitCode == 0 && set.StandardOutput.Trim() == "OK", because);
                    Assert.Equal("value", stored.AsText());
                }
                else
                {
                    Assert.True(set.ExitCode != 0, because);
                    Assert.Contains($"Could not connect to Redis at {master.Endpoint}", set.Output, StringComparison.Ordinal);
                    Assert.Equal(RespReplyKind.Null, stored.Kind);
                }
            }
        }

        output.WriteLine($"Without announce settings, redirects went to container addresses: {string.Join(", ", masters.Skip(1).Select(m => m.Endpoint))}");
    }

    // The client really is outside the container network: a container IP does not answer, its published port does.
    private static async Task AssertUnreachableAsync(NetworkNamespaceClient client, RawBridgeCluster cluster, RawBridgeNode node)
    {
        var direct = await client.RedisCliAsync(cluster.Password, "-h", node.ContainerIp, "-p", "6379", "PING");
        var published = await client.RedisCliAsync(cluster.Password, "-h", cluster.Gateway, "-p", Port(node), "PING");

        Assert.True(direct.ExitCode != 0 && !direct.Output.Contains("PONG", StringComparison.Ordinal), direct.ToString());
        Assert.True(published.ExitCode == 0 && published.StandardOutput.Trim() == "PONG", published.ToString());
    }

    private static string Port(RawBridgeNode node) => node.PublishedPort.ToString(CultureInfo.InvariantCulture);
}
