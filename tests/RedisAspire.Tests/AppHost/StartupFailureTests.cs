using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>
/// A start that cannot succeed fails before any node runs, with an error that names the key, the port, the file or the
/// command to install, and leaves no process and no file behind.
/// </summary>
[Collection(AppHostGroup.Name)]
public sealed class StartupFailureTests
{
    [RedisFact]
    public async Task TooFewMastersFailsNamingTheKeyAndWritesNothing()
    {
        var builder = TestAppHostBuilder.Create().WithSetting("Cluster:Masters", 2).WithSetting("Cluster:NodeTimeout", "soon");

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => builder.CreateBuilderAsync());

        Assert.Contains("Cluster:NodeTimeout", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(builder.StateDirectory), "nothing is written for an invalid configuration");

        var masters = await Assert.ThrowsAsync<DistributedApplicationException>(() => TestAppHostBuilder.Create().WithSetting("Cluster:Masters", 2).CreateBuilderAsync());
        Assert.StartsWith("Invalid configuration:\n  Cluster:Masters must be at least 3 (is 2)", masters.Message, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task MissingRedisServerNamesTheKeyAndHowToInstallIt()
    {
        var builder = TestAppHostBuilder.Create().WithSetting("AppHost:RedisServerPath", "/nonexistent/redis-server");

        var ex = await Assert.ThrowsAsync<DistributedApplicationException>(() => builder.CreateBuilderAsync());

        Assert.StartsWith("AppHost:RedisServerPath '/nonexistent/redis-server' does not exist. Install it (Debian/Ubuntu: `sudo apt-get install redis-server`", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(builder.StateDirectory));
    }

    [RedisFact]
    public async Task HostNetworkModeIsRefusedWithAClearMessage()
    {
        var ex = await Assert.ThrowsAsync<DistributedApplicationException>(
            () => TestAppHostBuilder.Create().WithSetting("AppHost:Runtime", "container").WithSetting("Container:Runtime", "podman").WithSetting("AppHost:Network", "host").CreateBuilderAsync());

        Assert.StartsWith("AppHost:Network=host is not available in this version", ex.Message, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task NodePortInUseFailsNamingThePortBeforeAnyNodeStartsAndRemovesTheNewStateFolder()
    {
        await using var app = await TestAppHostBuilder.Create().BuildAsync();
        using var squatter = new TcpListener(IPAddress.Loopback, app.NodePorts[2]);
        squatter.Start();

        var ex = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync());

        Assert.StartsWith($"Port {app.NodePorts[2]} (client port of cache-2) on 127.0.0.1 is already in use", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Cluster:BasePort", ex.Message, StringComparison.Ordinal);
        Assert.Empty(app.FindProcesses());
        Assert.False(Directory.Exists(app.StateDirectory), "the state folder this start created is removed again");
    }

    [RedisFact]
    public async Task StateFolderThatIsAFileFailsNamingItAndTheKey()
    {
        var file = Path.GetTempFileName();
        try
        {
            await using var app = await TestAppHostBuilder.Create().WithStateDirectory(file).BuildAsync();

            var ex = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync());

            Assert.StartsWith($"The state folder {file} cannot be used", ex.Message, StringComparison.Ordinal);
            Assert.Contains("AppHost:StateDirectory", ex.Message, StringComparison.Ordinal);
            Assert.Empty(app.FindProcesses());
            Assert.Equal(0, new FileInfo(file).Length);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [RedisFact]
    public async Task MalformedNodesConfFailsNamingTheFileAndLeavesItUntouched()
    {
        var state = Directory.CreateTempSubdirectory("redisaspire-malformed-").FullName;
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(state, "cache-3")).FullName;
            var nodesConf = Path.Combine(folder, "nodes.conf");
            var garbage = "3246363af799b2db30e10050c69a54d7bc25e00b 127.0.0.1:7003@17003 myself,master - 0 0 1 connected 0-5460 99999\n"u8.ToArray();
            await File.WriteAllBytesAsync(nodesConf, garbage);
            await using var app = await TestAppHostBuilder.Create().WithStateDirectory(state).BuildAsync();

            var ex = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync());

            Assert.StartsWith("The nodes were not started: prepare-node: ", ex.Message, StringComparison.Ordinal);
            Assert.Contains($"{nodesConf} cannot be read as a nodes.conf", ex.Message, StringComparison.Ordinal);
            Assert.Contains("left untouched", ex.Message, StringComparison.Ordinal);
            Assert.Equal(garbage, await File.ReadAllBytesAsync(nodesConf));
            Assert.Equal(["nodes.conf"], Directory.EnumerateFiles(folder, "nodes.conf*").Select(Path.GetFileName));
            Assert.Empty(app.FindProcesses());
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [RedisFact]
    public async Task SecondAppHostOnTheSameStateFolderRefusesNamingTheHolderAndChangesNothing()
    {
        var state = Directory.CreateTempSubdirectory("redisaspire-lock-").FullName;
        try
        {
            await using var first = await TestAppHostBuilder.Create().WithStateDirectory(state).StartAsync();
            var configs = first.Nodes.ToDictionary(n => n.ConfigPath, n => (File.ReadAllBytes(n.ConfigPath), File.GetLastWriteTimeUtc(n.ConfigPath)));
            await using var second = await TestAppHostBuilder.Create().WithStateDirectory(state).BuildAsync();

            var ex = await Assert.ThrowsAsync<DistributedApplicationException>(() => second.StartAsync());

            Assert.StartsWith($"The state folder {state} is in use by another AppHost (pid {Environment.ProcessId}, started ", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Nothing was changed", ex.Message, StringComparison.Ordinal);
            Assert.All(configs, c =>
            {
                Assert.Equal(c.Value.Item1, File.ReadAllBytes(c.Key));
                Assert.Equal(c.Value.Item2, File.GetLastWriteTimeUtc(c.Key));
            });
            Assert.Empty(second.FindProcesses());
            await first.WaitForHealthyAsync("cache", TimeSpan.FromSeconds(10));
            var check = await first.ExecuteCommandAsync("cache", "redis-cluster-check");
            Assert.True(check.Success, check.Message);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [RedisFact]
    public async Task ClusterInitThatCannotFormTheClusterKeepsSampleApiWaitingAndNamesTheProblem()
    {
        var state = Directory.CreateTempSubdirectory("redisaspire-lost-nodes-conf-").FullName;
        try
        {
            var builder = TestAppHostBuilder.Create().WithStateDirectory(state);
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

            await using var second = await builder.BuildAsync();
            // Aspire's start returns once every resource has started; sample-api never does, it waits for a Ready cluster.
            second.BeginStart();

            var clusterInit = await second.WaitForAsync(
                "cluster-init", e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), "a terminal state", TestAppHostBuilder.StartTimeout);
            Assert.Equal(1, clusterInit.Snapshot.ExitCode);
            Assert.Contains("changed nothing", second.Output.Text, StringComparison.Ordinal);
            var api = await second.WaitForAsync("sample-api", e => e.Snapshot.State?.Text is not null, "a state", TimeSpan.FromSeconds(30));
            Assert.True(api.Snapshot.State?.Text is "Waiting" or "FailedToStart", $"sample-api is {api.Snapshot.State?.Text}");
            Assert.Null(api.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value);
            Assert.Null(api.Snapshot.ExitCode);
            foreach (var node in second.Nodes)
            {
                await using var client = await second.ConnectAdminAsync(node);
                Assert.True((await client.ExecuteAsync("DBSIZE")).AsInteger() >= 0);
            }
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
