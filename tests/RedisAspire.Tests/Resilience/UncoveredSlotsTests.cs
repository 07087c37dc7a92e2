using RedisAspire.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Resilience;

/// <summary>
/// A master and its replica are both down, so their slots have no owner: ClusterInit refuses to touch anything and
/// names the slots; once the two nodes return on their data folders, it brings the cluster back with every key.
/// </summary>
[Collection(ResilienceGroup.Name)]
public sealed class UncoveredSlotsTests(ITestOutputHelper output)
{
    [RedisFact]
    public async Task LostShardStopsClusterInitUntilItsNodesReturnWithTheirData()
    {
        await using var cluster = await ResilientCluster.StartFormedAsync();
        var keys = await ResilientCluster.SeedKeysAsync(cluster);
        var (master, replica) = await ClusterView.ShardOfSlotAsync(cluster, 0);
        var lostSlots = (await ClusterView.OfAsync(cluster, master)).Single(e => e.IsMyself).Slots;
        var survivors = Enumerable.Range(0, cluster.Nodes.Count).Where(i => i != master && i != replica).ToList();

        await Task.WhenAll(cluster.Nodes[master].KillAsync(), cluster.Nodes[replica].KillAsync());
        foreach (var i in survivors)
        {
            Assert.Equal("OK", await cluster.ExecTextAsync(i, "CONFIG", "RESETSTAT"));
        }

        var blocked = await ResilientCluster.RunClusterInitAsync(cluster, nodesTimeout: TimeSpan.FromSeconds(3));

        Assert.True(blocked.ExitCode != 0, blocked.ToString());
        Assert.All(lostSlots, range => Assert.True(
            blocked.Output.Contains($"{range.Start}-{range.End}", StringComparison.Ordinal),
            $"ClusterInit's output does not name the uncovered slots {range.Start}-{range.End}; {blocked}"));
        Assert.Contains("uncovered", blocked.Output, StringComparison.OrdinalIgnoreCase);
        await ResilienceAssertions.AssertNotCalledAsync(cluster, survivors, ResilienceAssertions.RepairCommands);

        await Task.WhenAll(cluster.Nodes[master].StartAsync(), cluster.Nodes[replica].StartAsync());
        var run = await ResilientCluster.RunClusterInitAsync(cluster);

        Assert.True(run.ExitCode == 0, run.ToString());
        await ResilienceAssertions.AssertReadyAsync(cluster);
        await ResilienceAssertions.AssertKeysPresentAsync(cluster, keys);
        await ResilienceAssertions.AssertNoDestructiveCommandsAsync(cluster);
        output.WriteLine($"blocked run: exit {blocked.ExitCode} in {blocked.Duration.TotalSeconds:0.0} s; "
            + $"after the return: exit {run.ExitCode} in {run.Duration.TotalSeconds:0.0} s");
        output.WriteLine(ResilientCluster.Decisions(blocked.Output));
        output.WriteLine(ResilientCluster.Decisions(run.Output));
    }
}
