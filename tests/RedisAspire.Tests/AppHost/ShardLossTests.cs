using System.Diagnostics;
using System.Net;
using Aspire.Hosting.ApplicationModel;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;
using RedisAspire.Tests.Resilience;
using HostedNode = RedisAspire.Hosting.Configuration.RedisNode;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>
/// A whole shard down in the running application: the AppHost says the shard's slots are down (no replica can take
/// over), the replica restarted on its data is not promoted by Redis, the dashboard's Take over command promotes it
/// with every key it had, and the old master started afterwards rejoins as its replica. Nothing is ever reset or flushed.
/// </summary>
[Collection(AppHostGroup.Name)]
public sealed class ShardLossTests
{
    private const int KeyCount = 300;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [RedisFact]
    public async Task LostShardIsReportedAndTheTakeOverCommandRecoversItWithEveryKeyTheReplicaHad()
    {
        await using var app = await TestAppHostBuilder.Create().WithSetting("Cluster:NodeTimeout", "00:00:02").StartAsync();
        using var http = app.CreateHttpClient("sample-api");
        for (var i = 0; i < KeyCount; i++)
        {
            using var put = await http.PutAsync(new Uri($"/items/shard-{i}", UriKind.Relative), new StringContent($"value {i}"));
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }

        var (master, replica) = await ShardOfSlotZeroAsync(app);
        await KillAsync(app, replica);
        await KillAsync(app, master);

        var report = await app.WaitForLogAsync($"{master.Name} ({master.Endpoint}) exited with code", TimeSpan.FromSeconds(15));
        Assert.Contains("no replica of it is running: those slots are down", report, StringComparison.Ordinal);
        await app.WaitForLogAsync($"supervised failover: {master.Name} served slots", TimeSpan.FromSeconds(15));

        var start = await app.ExecuteCommandAsync(replica.Name, KnownResourceCommands.StartCommand);
        Assert.True(start.Success, start.Message);
        await app.WaitForHealthyAsync(replica.Name, Bound);
        var check = await app.ExecuteCommandAsync("cache", "redis-cluster-check");
        Assert.False(check.Success, "the cluster cannot be Ready with a shard down");

        var takeover = await app.ExecuteCommandAsync("cache", "redis-cluster-takeover");

        Assert.True(takeover.Success, $"{takeover.Message}\n{app.Output.Tail(30)}");
        Assert.Contains("CLUSTER FAILOVER TAKEOVER", app.Output.Text, StringComparison.Ordinal);
        for (var i = 0; i < KeyCount; i++)
        {
            Assert.Equal($"value {i}", await http.GetStringAsync(new Uri($"/items/shard-{i}", UriKind.Relative)));
        }

        var restart = await app.ExecuteCommandAsync(master.Name, KnownResourceCommands.StartCommand);
        Assert.True(restart.Success, restart.Message);
        await Poll.UntilAsync("the Check command to find the cluster Ready", Bound, async () =>
        {
            var ready = await app.ExecuteCommandAsync("cache", "redis-cluster-check");
            return ready.Success ? null : ready.Message;
        });
        await using (var admin = await app.ConnectAdminAsync(master))
        {
            var self = ClusterNodesLine.ParseAll((await admin.ExecuteAsync("CLUSTER", "NODES")).AsText()).Single(e => e.IsMyself);
            await using var promoted = await app.ConnectAdminAsync(replica);
            Assert.True(self.IsReplica, $"{master.Name} came back as {string.Join(',', self.Flags)}");
            Assert.Equal((await promoted.ExecuteAsync("CLUSTER", "MYID")).AsText(), self.MasterId);
        }

        foreach (var node in app.Nodes)
        {
            await using var admin = await app.ConnectAdminAsync(node);
            var called = RedisInfo.CalledCommands((await admin.ExecuteAsync("INFO", "commandstats")).AsText());
            Assert.DoesNotContain(called, c => c is "cluster|reset" or "flushall" or "flushdb");
        }
    }

    private static async Task<(HostedNode Master, HostedNode Replica)> ShardOfSlotZeroAsync(TestAppHost app)
    {
        await using var admin = await app.ConnectAdminAsync(app.Nodes[0]);
        var view = ClusterNodesLine.ParseAll((await admin.ExecuteAsync("CLUSTER", "NODES")).AsText());
        var owner = view.Single(e => e.IsMaster && e.Slots.Any(r => r.Start == 0));
        var replica = view.Single(e => e.IsReplica && e.MasterId == owner.Id);
        return (app.Nodes.Single(n => n.Port == owner.Port), app.Nodes.Single(n => n.Port == replica.Port));
    }

    private static async Task KillAsync(TestAppHost app, HostedNode node)
    {
        using (var process = Process.GetProcessById(app.ProcessId(node.Name)))
        {
            process.Kill();
        }

        await app.WaitForAsync(node.Name, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), "a terminal state", Bound);
    }
}
