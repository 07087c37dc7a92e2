using System.Globalization;
using RedisAspire.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Resilience;

/// <summary>
/// Every node comes back on a new IP (bind and announce address changed, same data folder), as containers
/// rescheduled onto new addresses do: prepare-node rewrites nodes.conf, ClusterInit reconnects the nodes.
/// </summary>
[Collection(ResilienceGroup.Name)]
public sealed class AddressChangeTests(ITestOutputHelper output)
{
    [RedisTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClusterRestartedOnNewAddressesKeepsItsNodeIdsAndKeys(bool prepareWithEveryAddress)
    {
        await using var cluster = await ResilientCluster.StartFormedAsync();
        var keys = await ResilientCluster.SeedKeysAsync(cluster);
        var idsBefore = await ClusterView.MyIdsAsync(cluster);
        var oldEndpoints = cluster.Endpoints;

        await Task.WhenAll(cluster.Nodes.Select(node => node.StopAsync()));
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            cluster.Nodes[i].MoveTo(string.Create(CultureInfo.InvariantCulture, $"127.0.0.{11 + i}"));
        }

        var pairs = cluster.Nodes.Select(node => $"{node.NodesConfPath}={node.Endpoint}@{node.BusPort}").ToList();
        var prepared = prepareWithEveryAddress
            ? [await ClusterInitProcess.PrepareNodeAsync([.. pairs.SelectMany(pair => new[] { "--node", pair })])]
            : await Task.WhenAll(pairs.Select(pair => ClusterInitProcess.PrepareNodeAsync(["--node", pair])));
        Assert.All(prepared, result => Assert.True(result.ExitCode == 0, result.ToString()));
        Assert.All(cluster.Nodes, node => Assert.True(File.Exists(node.NodesConfPath + ".bak"), $"{node} has no nodes.conf.bak"));
        await Task.WhenAll(cluster.Nodes.Select(node => node.StartAsync()));
        var run = await ResilientCluster.RunClusterInitAsync(cluster);

        Assert.True(run.ExitCode == 0, run.ToString());
        await ResilienceAssertions.AssertReadyAsync(cluster);
        Assert.Equal(idsBefore, await ClusterView.MyIdsAsync(cluster));
        Assert.NotEqual(oldEndpoints, cluster.Endpoints);
        if (!prepareWithEveryAddress)
        {
            Assert.True(run.Output.Contains("CLUSTER MEET", StringComparison.Ordinal), $"ClusterInit sent no CLUSTER MEET; {run}");
        }

        await ResilienceAssertions.AssertKeysPresentAsync(cluster, keys);
        await ResilienceAssertions.AssertNoDestructiveCommandsAsync(cluster);
        output.WriteLine($"moved {string.Join(", ", oldEndpoints)} to {string.Join(", ", cluster.Endpoints)}; "
            + $"ClusterInit exit {run.ExitCode} in {run.Duration.TotalSeconds:0.0} s");
        output.WriteLine(ResilientCluster.Decisions(run.Output));
    }
}
