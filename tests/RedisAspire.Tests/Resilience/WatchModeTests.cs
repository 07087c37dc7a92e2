using RedisAspire.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Resilience;

/// <summary><c>ClusterInit --watch</c> keeps running and repairs what goes wrong later, without being restarted.</summary>
[Collection(ResilienceGroup.Name)]
public sealed class WatchModeTests(ITestOutputHelper output)
{
    private const string ReadyLine = "Cluster is ready";

    [RedisFact]
    public async Task WatcherReplacesAReplicaThatLostItsDataFolderAndStopsOnSigterm()
    {
        await using var cluster = await ResilientCluster.StartFormedAsync();
        var keys = await ResilientCluster.SeedKeysAsync(cluster);
        var (master, replica) = await ClusterView.ShardOfSlotAsync(cluster, 0);
        var oldId = await cluster.ExecTextAsync(replica, "CLUSTER", "MYID");
        var environment = cluster.ClusterInitEnvironment();
        environment["Cluster__WatchInterval"] = "00:00:01";
        environment["Cluster__NodesTimeout"] = "00:00:03";
        environment["Cluster__ReadyTimeout"] = "00:00:30";
        await using var watcher = ClusterInitProcess.StartWatching(environment);
        await Poll.UntilAsync(
            $"{watcher} to report a Ready round",
            TimeSpan.FromSeconds(30),
            () =>
            {
                Assert.False(watcher.HasExited, $"{watcher} exited while it should keep watching:\n{watcher.Output}");
                return Task.FromResult<string?>(watcher.Output.Contains(ReadyLine, StringComparison.Ordinal) ? null : "no Ready line in its output yet");
            });

        await cluster.Nodes[replica].StopAsync();
        cluster.Nodes[replica].DeleteDataFolder();
        await cluster.Nodes[replica].StartAsync();
        var newId = await cluster.ExecTextAsync(replica, "CLUSTER", "MYID");
        var repaired = await Poll.UntilAsync(
            $"{watcher} to make the emptied {cluster.Nodes[replica]} a replica again and forget {oldId}",
            ResilientCluster.RecoveryTimeout,
            async () =>
            {
                Assert.False(watcher.HasExited, $"{watcher} exited while it should keep watching:\n{watcher.Output}");
                var knowers = new List<string>();
                for (var i = 0; i < cluster.Nodes.Count; i++)
                {
                    if ((await cluster.ExecTextAsync(i, "CLUSTER", "NODES")).Contains(oldId, StringComparison.Ordinal))
                    {
                        knowers.Add(cluster.Nodes[i].Name);
                    }
                }

                return knowers.Count > 0 ? $"{string.Join(", ", knowers)} still know {oldId}" : await ClusterReadiness.FindProblemAsync(cluster);
            },
            TimeSpan.FromMilliseconds(200));
        var exitCode = await watcher.StopAsync(TimeSpan.FromSeconds(10));

        Assert.True(watcher.HasExited, $"{watcher} is still running after SIGTERM");
        Assert.NotEqual(oldId, newId);
        await ResilienceAssertions.AssertReadyAsync(cluster);
        var myself = (await ClusterView.OfAsync(cluster, replica)).Single(e => e.IsMyself);
        Assert.Equal(await cluster.ExecTextAsync(master, "CLUSTER", "MYID"), myself.MasterId);
        Assert.Contains("CLUSTER REPLICATE", watcher.Output, StringComparison.Ordinal);
        await ResilienceAssertions.AssertKeysPresentAsync(cluster, keys);
        await ResilienceAssertions.AssertNoDestructiveCommandsAsync(cluster);
        output.WriteLine($"watcher repaired {cluster.Nodes[replica]} within {repaired.TotalSeconds:0.0} s of its restart; "
            + $"it exited {exitCode} on SIGTERM");
        output.WriteLine(ResilientCluster.Decisions(watcher.Output));
    }
}
