using System.Globalization;
using RedisAspire.Tests.Api;
using RedisAspire.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Resilience;

/// <summary>
/// About two minutes of steady load on SampleApi and a direct SET + WAIT 1 writer while <c>ClusterInit --watch</c>
/// runs and nodes crash: a master is killed with SIGKILL and restarted on its data folder twice (a different shard each
/// time), then a replica once. Requests outside the recovery windows must all succeed, and every write a replica
/// acknowledged must be readable at the end.
/// </summary>
[Collection(ResilienceGroup.Name)]
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int Workers = 4;
    private const string ReadyLine = "Cluster is ready";

    /// <summary>Time after the cluster is Ready again that still counts as recovery: clients need a moment to notice.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    /// <summary>Undisturbed load before the first fault, between faults and after the last one.</summary>
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan WriteInterval = TimeSpan.FromMilliseconds(20);

    [RedisFact]
    public async Task LoadSurvivesMasterAndReplicaCrashesWithNoErrorOutsideRecoveryAndNoAcknowledgedWriteLost()
    {
        await using var cluster = await ResilientCluster.StartFormedAsync();
        var environment = cluster.ClusterInitEnvironment();
        environment["Cluster__WatchInterval"] = "00:00:01";
        environment["Cluster__NodesTimeout"] = "00:00:03";
        environment["Cluster__ReadyTimeout"] = "00:00:30";
        await using var watcher = ClusterInitProcess.StartWatching(environment);
        await Poll.UntilAsync(
            $"{watcher} to report a Ready round",
            TimeSpan.FromSeconds(30),
            () => Task.FromResult<string?>(WatcherProblem(watcher) ?? (watcher.Output.Contains(ReadyLine, StringComparison.Ordinal) ? null : "no Ready line yet")));
        await using var api = await SampleApiProcess.StartAsync(cluster);

        // Tags spread over the whole slot space, so the writer writes to every shard.
        var tags = Enumerable.Range(0, 3).SelectMany(third => KeySlot.TagsWhere(slot => slot * 3 / KeySlot.Count == third, 4)).ToList();
        await using var client = ClusterKeyClient.For(cluster, TimeSpan.FromSeconds(1));
        await using var writer = ContinuousWriter.Start(client, tags, WriteInterval);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        await using var load = HttpLoad.Start(http, Workers, () => writer.Now);
        await Task.Delay(Steady);

        var windows = new List<RecoveryWindow>();
        var (first, _) = await ClusterView.ShardOfSlotAsync(cluster, 0);
        windows.Add(await CrashAndRestartAsync(cluster, watcher, writer, first, "master"));
        await Task.Delay(Steady);
        var (second, _) = await ClusterView.ShardOfSlotAsync(cluster, KeySlot.Count - 1);
        windows.Add(await CrashAndRestartAsync(cluster, watcher, writer, second, "master"));
        await Task.Delay(Steady);
        var (_, replica) = await ClusterView.ShardOfSlotAsync(cluster, KeySlot.Count / 2);
        windows.Add(await CrashAndRestartAsync(cluster, watcher, writer, replica, "replica"));
        await Task.Delay(Steady);

        await load.StopAsync();
        await writer.StopAsync();
        Assert.Null(WatcherProblem(watcher));

        var requests = load.Records;
        var outside = requests.Where(r => !windows.Any(w => w.Contains(r))).ToList();
        var outsideErrors = outside.Where(r => r.Failed).ToList();
        var attempts = writer.Attempts;
        var acknowledged = attempts.Where(a => a.IsReplicated).ToList();
        var readable = await CountReadableAsync(cluster, acknowledged);

        output.WriteLine($"cluster-node-timeout {ResilientCluster.NodeTimeout.TotalMilliseconds:0} ms, {Workers} HTTP workers, grace {Grace.TotalSeconds:0.#} s, "
            + $"run {writer.Now.TotalSeconds:0} s");
        foreach (var window in windows)
        {
            var inside = requests.Where(window.Contains).ToList();
            output.WriteLine($"  {window}: {inside.Count} requests, {inside.Count(r => r.Failed)} errors, slowest {Slowest(inside).TotalMilliseconds:0} ms; "
                + $"writer {attempts.Count(a => a.StartedAt <= window.End && a.EndedAt >= window.Start && !a.Written)} failed SETs");
        }

        output.WriteLine($"soak: {requests.Count} requests ({requests.Count(r => r.Failed)} errors); errors per recovery window: "
            + $"{string.Join(", ", windows.Select(w => requests.Count(r => w.Contains(r) && r.Failed)))}; errors outside: {outsideErrors.Count} of {outside.Count}; "
            + $"WAIT-acknowledged writes: {acknowledged.Count} of {attempts.Count} attempts, readable at the end: {readable}");
        output.WriteLine($"  outside the windows: slowest request {Slowest(outside).TotalMilliseconds:0} ms");
        foreach (var failure in requests.Where(r => r.Failed).Take(20))
        {
            output.WriteLine($"  failed: {failure}");
        }

        Assert.True(outside.Count >= 100, $"only {outside.Count} requests outside the recovery windows; the load proves little");
        Assert.True(outsideErrors.Count == 0, $"{outsideErrors.Count} errors outside the recovery windows ({string.Join("; ", windows)}):\n  "
            + string.Join("\n  ", outsideErrors.Take(20)));
        Assert.True(acknowledged.Any(a => a.StartedAt > windows[^1].End), "no write was acknowledged by a replica after the last recovery");
        Assert.Equal(acknowledged.Count, readable);
        await ResilienceAssertions.AssertReadyAsync(cluster);
        await ResilienceAssertions.AssertNoDestructiveCommandsAsync(cluster);
    }

    /// <summary>
    /// Kills node <paramref name="index"/> with SIGKILL; for a master waits until another master serves its slots; for
    /// a replica waits until its master's peers have had a node timeout to mark it failing. Then restarts it on its
    /// data folder and waits until the cluster is Ready again.
    /// </summary>
    private async Task<RecoveryWindow> CrashAndRestartAsync(
        RedisTestCluster cluster, LongRunningProcess watcher, ContinuousWriter writer, int index, string role)
    {
        var node = cluster.Nodes[index];
        var view = (await ClusterView.OfAsync(cluster, index)).Single(e => e.IsMyself);
        Assert.Equal(role == "master", view.IsMaster);
        var observer = index == 0 ? 1 : 0;
        var killedAt = writer.Now;
        await node.KillAsync();
        if (view.IsMaster)
        {
            await ResilientCluster.WaitForNewOwnerAsync(cluster, observer, view.Slots[0].Start, view.Id, TimeSpan.FromMilliseconds(50));
        }
        else
        {
            await Task.Delay(ResilientCluster.NodeTimeout + TimeSpan.FromSeconds(1));
        }

        var failedOverAt = writer.Now;
        await node.StartAsync();
        await Poll.UntilAsync(
            $"the cluster to be Ready again after {node} was killed and restarted",
            ResilientCluster.RecoveryTimeout,
            async () => WatcherProblem(watcher) ?? await ClusterReadiness.FindProblemAsync(cluster),
            TimeSpan.FromMilliseconds(100));
        var window = new RecoveryWindow(
            string.Create(CultureInfo.InvariantCulture, $"kill -9 {role} {node}, restarted {(failedOverAt - killedAt).TotalSeconds:0.0} s later"),
            killedAt,
            writer.Now,
            Grace);
        output.WriteLine($"{window.Fault}; Ready again {(window.ReadyAt - killedAt).TotalSeconds:0.0} s after the kill");
        return window;
    }

    private static async Task<int> CountReadableAsync(RedisTestCluster cluster, IReadOnlyList<WriteAttempt> writes)
    {
        await using var reader = ClusterKeyClient.For(cluster);
        var readable = 0;
        foreach (var write in writes)
        {
            if (await reader.GetAsync(write.Key) == write.Value)
            {
                readable++;
            }
        }

        return readable;
    }

    private static TimeSpan Slowest(IEnumerable<HttpRequestRecord> requests) =>
        requests.Select(r => r.EndedAt - r.StartedAt).DefaultIfEmpty(TimeSpan.Zero).Max();

    private static string? WatcherProblem(LongRunningProcess watcher) =>
        watcher.HasExited ? $"{watcher} exited while it should keep watching:\n{watcher.Output}" : null;
}
