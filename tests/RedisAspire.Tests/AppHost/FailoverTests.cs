using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;
using RedisAspire.Tests.Resilience;
using Xunit.Abstractions;
using HostedNode = RedisAspire.Hosting.Configuration.RedisNode;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>
/// A master of the running application dies (kill -9) or is stopped from the dashboard: the AppHost's supervisor promotes
/// its replica at once (or, with supervision off, Redis does after the node timeout); writes resume, nothing
/// acknowledged with <c>WAIT 1</c> is lost, and the node, started again with Aspire's Start command, rejoins as a replica
/// while the cluster resource returns to Healthy. A paused master is no certain death: it is left to Redis.
/// </summary>
[Collection(AppHostGroup.Name)]
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const int MinReplicatedBeforeKill = 20;
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan WriteInterval = TimeSpan.FromMilliseconds(10);

    [RedisFact]
    public async Task WithoutSupervisionAKilledMasterUnderWritesIsReplacedByRedisAndRejoinsAsReplicaWithoutLosingAnAcknowledgedWrite()
    {
        await using var app = await StartAsync(("Cluster:SupervisedFailover", "false"));
        var (master, masterId, slots) = await MasterOfSlotZeroAsync(app);
        var tags = KeySlot.TagsWhere(slot => slots.Any(r => r.Start <= slot && slot <= r.End), 4);
        await using var client = new ClusterKeyClient([.. app.Nodes.Select(n => n.Endpoint)], app.Password, TimeSpan.FromSeconds(1), RedisAspire.Hosting.Configuration.RedisAcl.ApplicationUser);
        await using var writer = ContinuousWriter.Start(client, tags, WriteInterval);
        await WaitForReplicatedWritesAsync(writer, MinReplicatedBeforeKill, TimeSpan.FromSeconds(30));

        var killedAt = writer.Now;
        var sinceKill = Stopwatch.StartNew();
        using (var process = Process.GetProcessById(app.ProcessId(master.Name)))
        {
            process.Kill();
        }

        var newMaster = await WaitForNewOwnerAsync(app, master, masterId);
        var serverRecovery = sinceKill.Elapsed;
        var firstWriteAfter = await writer.WaitForSuccessAfterAsync(killedAt, Recovery);
        var report = await app.WaitForLogAsync($"{master.Name} ({master.Endpoint}) exited with code", TimeSpan.FromSeconds(15));
        Assert.Contains($"its replica {newMaster.Name} takes them over after Cluster:NodeTimeout", report, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Output.Lines, l => l.Contains("supervised failover", StringComparison.Ordinal));

        await RestartAndAssertRejoinedAsync(app, master, masterId, newMaster);
        await writer.StopAsync();
        var replicated = writer.Attempts.Where(a => a.IsReplicated).ToList();
        Assert.True(replicated.Count(a => a.EndedAt < killedAt) >= MinReplicatedBeforeKill);
        foreach (var attempt in replicated)
        {
            Assert.Equal(attempt.Value, await client.GetAsync(attempt.Key));
        }

        output.WriteLine($"node-timeout {NodeTimeout.TotalSeconds} s: {newMaster.Name} serves {master.Name}'s slots {serverRecovery.TotalMilliseconds:0} ms after kill -9; "
            + $"first acknowledged write {(firstWriteAfter.EndedAt - killedAt).TotalMilliseconds:0} ms after; {replicated.Count} writes acknowledged by WAIT 1, all readable");
    }

    [RedisFact]
    public async Task MasterStoppedFromTheDashboardFailsOverAndStartBringsItBackAsAReplica()
    {
        await using var app = await StartAsync();
        var (master, masterId, _) = await MasterOfSlotZeroAsync(app);

        var stop = await app.ExecuteCommandAsync(master.Name, KnownResourceCommands.StopCommand);
        Assert.True(stop.Success, stop.Message);
        var newMaster = await WaitForNewOwnerAsync(app, master, masterId);

        await app.WaitForLogAsync($"{master.Name} ({master.Endpoint}) was stopped on request", TimeSpan.FromSeconds(15));
        await RestartAndAssertRejoinedAsync(app, master, masterId, newMaster);
    }

    [RedisFact]
    public async Task KilledMasterIsReplacedByTheSupervisorLongBeforeTheNodeTimeoutWithoutLosingAnAcknowledgedWrite()
    {
        await using var app = await StartAsync(("Cluster:NodeTimeout", "00:00:05"));
        var (master, masterId, slots) = await MasterOfSlotZeroAsync(app);
        var tags = KeySlot.TagsWhere(slot => slots.Any(r => r.Start <= slot && slot <= r.End), 4);
        await using var client = new ClusterKeyClient([.. app.Nodes.Select(n => n.Endpoint)], app.Password, TimeSpan.FromSeconds(1), RedisAspire.Hosting.Configuration.RedisAcl.ApplicationUser);
        await using var writer = ContinuousWriter.Start(client, tags, WriteInterval);
        await WaitForReplicatedWritesAsync(writer, MinReplicatedBeforeKill, TimeSpan.FromSeconds(30));

        var killedAt = writer.Now;
        using (var process = Process.GetProcessById(app.ProcessId(master.Name)))
        {
            process.Kill();
        }

        var newMaster = await WaitForNewOwnerAsync(app, master, masterId);
        var firstWriteAfter = await writer.WaitForSuccessAfterAsync(killedAt, Recovery);
        var promoted = await app.WaitForLogAsync("supervised failover: ", TimeSpan.FromSeconds(15));
        var outcome = await app.WaitForLogAsync($"{newMaster.Endpoint}) serves {master.Name}'s slots", TimeSpan.FromSeconds(15));

        // Redis alone would not even suspect the master before the 5 s node timeout: the supervisor acted on the exit.
        Assert.True(firstWriteAfter.EndedAt - killedAt < TimeSpan.FromSeconds(5), $"first write {(firstWriteAfter.EndedAt - killedAt).TotalMilliseconds:0} ms after the kill; {outcome}");
        Assert.Contains($"{master.Name} exited while it served slots", promoted, StringComparison.Ordinal);
        Assert.Contains("cluster_state:ok", outcome, StringComparison.Ordinal);
        await RestartAndAssertRejoinedAsync(app, master, masterId, newMaster);
        await writer.StopAsync();
        foreach (var attempt in writer.Attempts.Where(a => a.IsReplicated))
        {
            Assert.Equal(attempt.Value, await client.GetAsync(attempt.Key));
        }

        output.WriteLine($"{outcome}; first acknowledged write {(firstWriteAfter.EndedAt - killedAt).TotalMilliseconds:0} ms after kill -9");
    }

    [RedisFact]
    public async Task PausedMasterIsLeftToRedisOwnFailoverAndRejoinsAsReplicaWithoutLosingAnAcknowledgedWrite()
    {
        await using var app = await StartAsync();
        var (master, masterId, slots) = await MasterOfSlotZeroAsync(app);
        var tags = KeySlot.TagsWhere(slot => slots.Any(r => r.Start <= slot && slot <= r.End), 4);
        await using var client = new ClusterKeyClient([.. app.Nodes.Select(n => n.Endpoint)], app.Password, TimeSpan.FromSeconds(1), RedisAspire.Hosting.Configuration.RedisAcl.ApplicationUser);
        await using var writer = ContinuousWriter.Start(client, tags, WriteInterval);
        await WaitForReplicatedWritesAsync(writer, MinReplicatedBeforeKill, TimeSpan.FromSeconds(30));
        var pid = app.ProcessId(master.Name);

        Assert.Equal(0, NativeMethods.Kill(pid, NativeMethods.SigStop));
        var newMaster = await WaitForNewOwnerAsync(app, master, masterId);
        await Task.Delay(NodeTimeout * 3);
        Assert.Equal(0, NativeMethods.Kill(pid, NativeMethods.SigCont));

        await Poll.UntilAsync($"{master.Name} to rejoin as a replica after SIGCONT", Recovery, async () =>
        {
            await using var admin = await app.ConnectAdminAsync(master);
            var self = ClusterNodesLine.ParseAll((await admin.ExecuteAsync("CLUSTER", "NODES")).AsText()).Single(e => e.IsMyself);
            return self.IsReplica ? null : string.Join(',', self.Flags);
        });
        await Poll.UntilAsync("the Check command to find the cluster Ready", Recovery, async () =>
        {
            var check = await app.ExecuteCommandAsync("cache", "redis-cluster-check");
            return check.Success ? null : check.Message;
        });
        await writer.StopAsync();

        Assert.DoesNotContain(app.Output.Lines, l => l.Contains("supervised failover", StringComparison.Ordinal));
        Assert.NotEqual(master.Name, newMaster.Name);
        foreach (var attempt in writer.Attempts.Where(a => a.IsReplicated))
        {
            Assert.Equal(attempt.Value, await client.GetAsync(attempt.Key));
        }
    }

    private static Task<TestAppHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var builder = TestAppHostBuilder.Create().WithSetting("Cluster:NodeTimeout", "00:00:02");
        foreach (var (key, value) in settings)
        {
            builder.WithSetting(key, value);
        }

        return builder.StartAsync();
    }

    private static async Task<(HostedNode Master, string Id, IReadOnlyList<(int Start, int End)> Slots)> MasterOfSlotZeroAsync(TestAppHost app)
    {
        await using var admin = await app.ConnectAdminAsync(app.Nodes[0]);
        var view = ClusterNodesLine.ParseAll((await admin.ExecuteAsync("CLUSTER", "NODES")).AsText());
        var owner = view.Single(e => e.IsMaster && e.Slots.Any(r => r.Start == 0));
        return (app.Nodes.Single(n => n.Port == owner.Port), owner.Id, [.. owner.Slots.Select(r => (r.Start, r.End))]);
    }

    private static async Task<HostedNode> WaitForNewOwnerAsync(TestAppHost app, HostedNode lost, string lostId)
    {
        var viewer = app.Nodes.First(n => n.Name != lost.Name);
        HostedNode? owner = null;
        await Poll.UntilAsync($"{viewer.Name} to see a new master serving slot 0 instead of {lost.Name}", Recovery, async () =>
        {
            await using var admin = await app.ConnectAdminAsync(viewer);
            var view = ClusterNodesLine.ParseAll((await admin.ExecuteAsync("CLUSTER", "NODES")).AsText());
            var serving = view.FirstOrDefault(e => e.IsMaster && e.Slots.Any(r => r.Start == 0) && !e.Flags.Overlaps(["fail", "fail?"]));
            owner = serving is null || serving.Id == lostId ? null : app.Nodes.Single(n => n.Port == serving.Port);
            return owner is null ? $"slot 0 served by {serving?.Endpoint ?? "nobody"}" : null;
        });
        return owner!;
    }

    // Aspire's Start command runs the node again on its data: it must rejoin as a replica and the cluster become Ready.
    private static async Task RestartAndAssertRejoinedAsync(TestAppHost app, HostedNode node, string nodeId, HostedNode newMaster)
    {
        await app.WaitForAsync(node.Name, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), "a terminal state", Recovery);
        var start = await app.ExecuteCommandAsync(node.Name, KnownResourceCommands.StartCommand);
        Assert.True(start.Success, start.Message);
        await Poll.UntilAsync("the Check command to find the cluster Ready", Recovery, async () =>
        {
            var check = await app.ExecuteCommandAsync("cache", "redis-cluster-check");
            return check.Success ? null : check.Message;
        });

        await using var admin = await app.ConnectAdminAsync(node);
        var self = ClusterNodesLine.ParseAll((await admin.ExecuteAsync("CLUSTER", "NODES")).AsText()).Single(e => e.IsMyself);
        Assert.Equal(nodeId, self.Id);
        Assert.True(self.IsReplica, $"{node.Name} came back as {string.Join(',', self.Flags)}, expected a replica");
        await using var promoted = await app.ConnectAdminAsync(newMaster);
        var promotedId = (await promoted.ExecuteAsync("CLUSTER", "MYID")).AsText();
        Assert.Equal(promotedId, self.MasterId);
        await app.WaitForHealthyAsync("cache", Recovery);
    }

    private static async Task WaitForReplicatedWritesAsync(ContinuousWriter writer, int count, TimeSpan timeout) =>
        await Poll.UntilAsync($"{count} writes confirmed by WAIT 1", timeout, () => Task.FromResult(
            writer.Attempts.Count(a => a.IsReplicated) >= count ? null : $"{writer.Attempts.Count(a => a.IsReplicated)} of {writer.Attempts.Count} attempts"));
}
