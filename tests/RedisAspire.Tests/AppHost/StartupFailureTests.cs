using System.Net;
using System.Net.Sockets;
using RedisAspire.AppHost;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>A start that cannot succeed fails with an error that says what to fix, and leaves no process behind.</summary>
public sealed class StartupFailureTests
{
    [RedisFact]
    public async Task NodePortInUseFailsNamingThePortBeforeAnythingStarts()
    {
        await using var app = TestApplicationBuilder.Create().Build();
        using var squatter = new TcpListener(IPAddress.Loopback, app.NodePorts[2]);
        squatter.Start();

        var ex = await Assert.ThrowsAsync<AppHostException>(() => app.StartAsync());

        Assert.StartsWith($"Port {app.NodePorts[2]} (client port of redis-2) on 127.0.0.1 is already in use", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Cluster:BasePort", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("nodes starting", app.Output.Text, StringComparison.Ordinal);
        Assert.Empty(app.FindProcesses());
    }

    [RedisFact]
    public async Task SampleApiPortInUseFailsNamingSampleApiPortBeforeAnythingStarts()
    {
        var port = PortAllocator.Allocate(1)[0];
        using var squatter = new TcpListener(IPAddress.Loopback, port);
        squatter.Start();
        await using var app = TestApplicationBuilder.Create().WithSetting("SampleApi:Port", port).Build();

        var ex = await Assert.ThrowsAsync<AppHostException>(() => app.StartAsync());

        Assert.StartsWith($"Port {port} on 127.0.0.1 (SampleApi:Port) is already in use", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("nodes starting", app.Output.Text, StringComparison.Ordinal);
        Assert.Empty(app.FindProcesses());
    }

    [RedisFact]
    public async Task SampleApiPortThatIsANodePortFailsNamingBothKeys()
    {
        var basePort = PortBlock.Allocate(6);
        var busPortOfRedis3 = basePort + 3 + PortAllocator.BusPortOffset;
        await using var app = TestApplicationBuilder.Create()
            .WithSetting("Cluster:BasePort", basePort)
            .WithSetting("SampleApi:Port", busPortOfRedis3)
            .Build();

        var ex = await Assert.ThrowsAsync<AppHostException>(() => app.StartAsync());

        Assert.StartsWith($"SampleApi:Port {busPortOfRedis3} is also a port of the Redis nodes (Cluster:BasePort", ex.Message, StringComparison.Ordinal);
        Assert.Empty(app.FindProcesses());
    }

    [RedisFact]
    public async Task InvalidConfigurationFailsNamingEveryKeyBeforeAnythingStarts()
    {
        await using var app = TestApplicationBuilder.Create()
            .WithSetting("Cluster:Masters", "2")
            .WithSetting("SampleApi:Port", "-1")
            .WithSetting("Otlp:Protocol", "http/json")
            .Build();

        var ex = await Assert.ThrowsAsync<AppHostException>(() => app.StartAsync());

        Assert.Contains("Cluster:Masters", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SampleApi:Port", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Otlp:Protocol", ex.Message, StringComparison.Ordinal);
        Assert.Empty(app.FindProcesses());
        Assert.False(Directory.Exists(app.StateDirectory), "nothing is written for an invalid configuration");
    }

    [RedisFact]
    public async Task SampleApiNotHealthyInTimeFailsNamingTheWaitAndWhatWasSeen()
    {
        await using var app = TestApplicationBuilder.Create().WithSetting("AppHost:SampleApiStartTimeout", "00:00:00.050").Build();

        var ex = await Assert.ThrowsAsync<AppHostException>(() => app.StartAsync());

        Assert.Matches(@"^sample-api did not answer GET http://127\.0\.0\.1:\d+/health with 200 within 00:00:00\.0500000 \(AppHost:SampleApiStartTimeout\); last seen: ", ex.Message);
        Assert.Contains("Last lines it printed", ex.Message, StringComparison.Ordinal);
        Assert.Empty(app.FindProcesses());
    }

    [RedisFact]
    public async Task SampleApiExitingDuringStartupFailsWithItsExitCodeAndLastLines()
    {
        // The ClusterInit program in sample-api's place: with no cluster configured it exits 2 at once, as a broken API would.
        await using var app = TestApplicationBuilder.Create()
            .WithTopology(builder =>
            {
                var cache = builder.AddRedisCluster("cache");
                var clusterInit = builder.AddClusterInit("cluster-init", cache);
                builder.AddSampleApi("sample-api", cache, clusterInit, ProjectPaths.ClusterInit);
            })
            .Build();

        var ex = await Assert.ThrowsAsync<AppHostException>(() => app.StartAsync());

        Assert.Matches(@"^sample-api exited with code 2 before GET http://127\.0\.0\.1:\d+/health answered 200", ex.Message);
        Assert.Contains("Last lines it printed:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Cluster:Nodes", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, app.App.SampleApi.ExitCode);
        Assert.Empty(app.FindProcesses());
    }

    [RedisFact]
    public async Task FailingClusterInitFailsTheStartWithItsErrorAndStopsEveryNode()
    {
        var state = Directory.CreateTempSubdirectory("redisaspire-lost-nodes-conf-").FullName;
        try
        {
            var builder = TestApplicationBuilder.Create().WithStateDirectory(state).WithSetting("Cluster:BasePort", PortBlock.Allocate(6));
            await using (var first = await builder.StartAsync())
            {
                using var http = first.CreateHttpClient("sample-api");
                for (var i = 0; i < 30; i++)
                {
                    using var put = await http.PutAsync(new Uri($"/items/key-{i}", UriKind.Relative), new StringContent("value"));
                    Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
                }
            }

            // Every node loses its nodes.conf but keeps its keys: each comes back alone, claiming its keys' slots, so
            // masters and their former replicas claim the same slots. Nothing can be joined without losing data.
            foreach (var nodesConf in Directory.GetFiles(state, "nodes.conf", SearchOption.AllDirectories))
            {
                File.Delete(nodesConf);
            }

            await using var second = builder.Build();

            var ex = await Assert.ThrowsAsync<AppHostException>(() => second.StartAsync());

            Assert.StartsWith("cluster-init exited with code 1: the cluster is not ready.\nLast lines it printed:", ex.Message, StringComparison.Ordinal);
            Assert.Contains("changed nothing", ex.Message, StringComparison.Ordinal);
            Assert.Empty(second.FindProcesses());
            Assert.DoesNotContain("starting sample-api", second.Output.Text, StringComparison.Ordinal);
            Assert.Null(second.App.SampleApi.ExitCode);
            Assert.Equal(1, second.App.ClusterInit.ExitCode);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
