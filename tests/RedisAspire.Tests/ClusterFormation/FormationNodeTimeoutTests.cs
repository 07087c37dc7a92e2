using RedisAspire.Tests.Infrastructure;
using RedisAspire.Tests.Resilience;

namespace RedisAspire.Tests.ClusterFormation;

/// <summary>
/// ClusterInit lowers <c>cluster-node-timeout</c> while it forms a cluster and every node has its configured value
/// again afterwards: after a formation that succeeds, one that fails midway and one that is stopped.
/// </summary>
public sealed class FormationNodeTimeoutTests
{
    private const string Configured = "5000";
    private const string Lowered = "cluster-node-timeout lowered from 5000 ms to 500 ms";
    private const string SetBack = "cluster-node-timeout set back to 5000 ms";

    [RedisFact]
    public async Task EveryNodeHasItsConfiguredNodeTimeoutAfterFormation()
    {
        await using var cluster = await RedisTestCluster.StartAsync();

        var run = await cluster.RunClusterInitAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        AssertEveryNodeLogged(cluster, run.Lines, Lowered, run.ToString());
        AssertEveryNodeLogged(cluster, run.Lines, SetBack, run.ToString());
        await AssertConfiguredNodeTimeoutAsync(cluster);
        await ClusterAssertions.AssertReadyAsync(cluster);
    }

    [RedisFact]
    public async Task EveryNodeHasItsConfiguredNodeTimeoutAfterAFormationThatFailsMidway()
    {
        await using var cluster = await RedisTestCluster.StartAsync();
        await BreakReplicationOfFirstReplicaAsync(cluster);

        var run = await cluster.RunClusterInitAsync(
            overrides: new Dictionary<string, string?> { ["Cluster__ReadyTimeout"] = "00:00:04" });

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("waiting for the cluster to be Ready", run.Output, StringComparison.Ordinal);
        AssertEveryNodeLogged(cluster, run.Lines, Lowered, run.ToString());
        AssertEveryNodeLogged(cluster, run.Lines, SetBack, run.ToString());
        await AssertConfiguredNodeTimeoutAsync(cluster);
    }

    [RedisFact]
    public async Task EveryNodeHasItsConfiguredNodeTimeoutAfterFormationIsStopped()
    {
        await using var cluster = await RedisTestCluster.StartAsync();
        await BreakReplicationOfFirstReplicaAsync(cluster);
        var environment = cluster.ClusterInitEnvironment();
        environment["Cluster__ReadyTimeout"] = "00:01:00";
        await using var clusterInit = ClusterInitProcess.StartWatching(environment);
        await Poll.UntilAsync(
            "ClusterInit to lower cluster-node-timeout on every node",
            TimeSpan.FromSeconds(60),
            () => Task.FromResult(CountLines(clusterInit.Output, Lowered) == cluster.Nodes.Count
                ? null
                : $"{CountLines(clusterInit.Output, Lowered)} node(s) lowered; output:\n{clusterInit.Output}"));

        var exitCode = await clusterInit.StopAsync(TimeSpan.FromSeconds(30));

        var output = clusterInit.Output;
        Assert.True(exitCode is 0 or 1, $"exit code {exitCode}; output:\n{output}");
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        AssertEveryNodeLogged(cluster, lines, SetBack, output);
        await AssertConfiguredNodeTimeoutAsync(cluster);
    }

    [RedisFact]
    public async Task FormationKeepsTheNodeTimeoutWhenTurnedOff()
    {
        await using var cluster = await RedisTestCluster.StartAsync();

        var run = await cluster.RunClusterInitAsync(
            overrides: new Dictionary<string, string?> { ["Cluster__FormationNodeTimeout"] = "00:00:00" });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("cluster-node-timeout lowered", run.Output, StringComparison.Ordinal);
        await AssertConfiguredNodeTimeoutAsync(cluster);
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            var called = RedisInfo.CalledCommands(await cluster.ExecTextAsync(i, "INFO", "commandstats"));
            Assert.DoesNotContain("config|set", called);
        }
    }

    // With no failure domains the plan makes redis-3 the replica of redis-0; a wrong masterauth keeps its link down,
    // so the cluster never becomes Ready after the node-timeout has been lowered.
    private static async Task BreakReplicationOfFirstReplicaAsync(RedisTestCluster cluster) =>
        Assert.Equal("OK", await cluster.ExecTextAsync(3, "CONFIG", "SET", "masterauth", "not-the-password"));

    private static async Task AssertConfiguredNodeTimeoutAsync(RedisTestCluster cluster)
    {
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            var reply = await cluster.ExecAsync(i, "CONFIG", "GET", "cluster-node-timeout");
            Assert.Equal(Configured, reply.Items[1].AsText());
            Assert.Contains($"cluster-node-timeout {Configured}", await File.ReadAllLinesAsync(cluster.Nodes[i].ConfigPath));
        }
    }

    private static void AssertEveryNodeLogged(RedisTestCluster cluster, IReadOnlyList<string> lines, string message, string output)
    {
        foreach (var node in cluster.Nodes)
        {
            Assert.True(
                lines.Any(line => line.Contains(node.Endpoint, StringComparison.Ordinal) && line.Contains(message, StringComparison.Ordinal)),
                $"no line says '{message}' for {node}; output:\n{output}");
        }
    }

    private static int CountLines(string output, string message) =>
        output.Split('\n').Count(line => line.Contains(message, StringComparison.Ordinal));
}
