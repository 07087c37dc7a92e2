using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.ClusterFormation;

/// <summary>ClusterInit, run as a real process, forms a Ready cluster from empty nodes and leaves a Ready one alone.</summary>
public sealed class ClusterInitFormationTests
{
    [RedisFact]
    public async Task FormsClusterFromSixEmptyNodes()
    {
        await using var cluster = await RedisTestCluster.StartAsync();

        var run = await cluster.RunClusterInitAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        await ClusterAssertions.AssertReadyAsync(cluster);
        await ClusterAssertions.AssertRedisCliCheckPassesAsync(cluster);
    }

    [RedisFact]
    public async Task SecondRunSendsNoWriteCommand()
    {
        await using var cluster = await RedisTestCluster.StartAsync();
        var first = await cluster.RunClusterInitAsync();
        Assert.True(first.ExitCode == 0, first.ToString());
        await ClusterAssertions.ResetCommandStatsAsync(cluster);

        var second = await cluster.RunClusterInitAsync();

        Assert.True(second.ExitCode == 0, second.ToString());
        await ClusterAssertions.AssertNoMutatingCommandsAsync(cluster);
        await ClusterAssertions.AssertReadyAsync(cluster);
    }
}
