using System.Net;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Api;

/// <summary><c>/health</c> is 200 only while the cluster serves every slot; <c>/alive</c> only says the process runs.</summary>
public sealed class HealthApiTests
{
    private static readonly TimeSpan HealthWait = TimeSpan.FromSeconds(30);

    [RedisFact]
    public async Task HealthIsUnavailableUntilTheClusterIsFormedAndAgainOnceSlotsLoseEveryNode()
    {
        // A 2 s node timeout makes the surviving nodes mark the lost master failed within seconds.
        await using var cluster = await RedisTestCluster.StartAsync(new RedisNodeSettings { NodeTimeout = TimeSpan.FromSeconds(2) });
        await using var api = await SampleApiProcess.StartAsync(cluster, readinessPath: "/alive");

        using (var unformed = await api.Http.GetAsync(new Uri("health", UriKind.Relative)))
        {
            Assert.True(
                unformed.StatusCode == HttpStatusCode.ServiceUnavailable,
                $"/health over six unformed nodes answered {(int)unformed.StatusCode} {await unformed.Content.ReadAsStringAsync()}");
        }

        var run = await cluster.RunClusterInitAsync();
        Assert.True(run.ExitCode == 0, run.ToString());
        await api.WaitForStatusAsync("/health", HttpStatusCode.OK, HealthWait);

        var view = ClusterNodesLine.ParseAll(await cluster.ExecTextAsync(0, "CLUSTER", "NODES"));
        var master = view.First(node => node.IsMaster);
        var replica = view.Single(node => node.MasterId == master.Id);
        await cluster.Nodes.Single(node => node.Port == replica.Port).KillAsync();
        await cluster.Nodes.Single(node => node.Port == master.Port).KillAsync();

        await api.WaitForStatusAsync("/health", HttpStatusCode.ServiceUnavailable, HealthWait);
        using var alive = await api.Http.GetAsync(new Uri("alive", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
