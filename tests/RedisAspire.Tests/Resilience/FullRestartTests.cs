using RedisAspire.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Resilience;

/// <summary>Every node is stopped and started again on the same address and data folder, as after a host reboot.</summary>
[Collection(ResilienceGroup.Name)]
public sealed class FullRestartTests(ITestOutputHelper output)
{
    [RedisFact]
    public async Task ClusterRestartedOnItsAddressesComesBackReadyWithEveryKey()
    {
        await using var cluster = await ResilientCluster.StartFormedAsync();
        var keys = await ResilientCluster.SeedKeysAsync(cluster);
        var idsBefore = await ClusterView.MyIdsAsync(cluster);

        await Task.WhenAll(cluster.Nodes.Select(node => node.StopAsync()));
        await Task.WhenAll(cluster.Nodes.Select(node => node.StartAsync()));
        var run = await ResilientCluster.RunClusterInitAsync(cluster);

        Assert.True(run.ExitCode == 0, run.ToString());
        await ResilienceAssertions.AssertReadyAsync(cluster);
        Assert.Equal(idsBefore, await ClusterView.MyIdsAsync(cluster));
        await ResilienceAssertions.AssertKeysPresentAsync(cluster, keys);
        await ResilienceAssertions.AssertNoDestructiveCommandsAsync(cluster);
        output.WriteLine($"ClusterInit after the restart: exit {run.ExitCode} in {run.Duration.TotalSeconds:0.0} s");
        output.WriteLine(ResilientCluster.Decisions(run.Output));
    }
}
