using System.Globalization;
using System.Net;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>Stopping the application and starting it again on the same state folder brings back the same cluster and every key.</summary>
[Collection(AppHostGroup.Name)]
public sealed class RestartTests : IDisposable
{
    private const int KeyCount = 200;

    private static readonly string[] MutatingCommands =
    [
        "cluster|meet", "cluster|addslots", "cluster|addslotsrange", "cluster|delslots", "cluster|delslotsrange", "cluster|setslot",
        "cluster|replicate", "cluster|set-config-epoch", "cluster|bumpepoch", "cluster|forget", "cluster|reset", "cluster|failover",
        "flushall", "flushdb", "set", "del", "config|set", "replicaof", "slaveof",
    ];

    private readonly string _state = Directory.CreateTempSubdirectory("redisaspire-restart-").FullName;

    [RedisFact]
    public async Task RestartOnTheSameStateKeepsEveryKeyAndChangesNothing()
    {
        var builder = TestAppHostBuilder.Create().WithStateDirectory(_state);
        var keys = await WriteKeysAsync(builder);
        Assert.Empty(AppProcesses.Find("127.0.0.1", [.. Enumerable.Range(builder.BasePort, 6)]));

        await using var second = await builder.StartAsync();

        var output = second.Output.Text;
        Assert.Contains("Not every node is empty and alone", output, StringComparison.Ordinal);
        Assert.DoesNotContain("forming a new cluster", output, StringComparison.Ordinal);
        await AssertNoMutatingCommandAsync(second);
        await AssertKeysAsync(second, keys);
    }

    [RedisFact]
    public async Task EveryNodeAtANewAddressComesBackWithEveryKey()
    {
        var keys = await WriteKeysAsync(TestAppHostBuilder.Create().WithStateDirectory(_state).WithSetting("Cluster:AnnounceIp", "127.0.0.1"));

        await using var moved = await TestAppHostBuilder.Create().WithStateDirectory(_state).WithSetting("Cluster:AnnounceIp", "127.0.0.2").StartAsync();

        Assert.All(moved.Nodes, n => Assert.Equal("127.0.0.2", n.Host));
        Assert.All(moved.Nodes, n => Assert.True(File.Exists(Path.Combine(n.Directory, "nodes.conf.bak")), $"{n.Name}: prepare-node kept no nodes.conf.bak"));
        Assert.Contains("prepare-node: ", moved.Output.Text, StringComparison.Ordinal);
        var view = await ClusterReadyAssertions.AssertReadyAsync([.. moved.Nodes.Select(n => (n.Name, n.Host, n.Port))], moved.AdminPassword, moved.AdminUser);
        Assert.All(view, entry => Assert.Equal("127.0.0.2", entry.Host));
        await AssertKeysAsync(moved, keys);
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private static async Task<IReadOnlyList<string>> WriteKeysAsync(TestAppHostBuilder builder)
    {
        var keys = Enumerable.Range(0, KeyCount).Select(i => string.Create(CultureInfo.InvariantCulture, $"restart-{i}")).ToList();
        await using var first = await builder.StartAsync();
        Assert.Contains("All 6 nodes are empty and alone", first.Output.Text, StringComparison.Ordinal);
        using var http = first.CreateHttpClient("sample-api");
        foreach (var key in keys)
        {
            using var put = await http.PutAsync(new Uri($"/items/{key}", UriKind.Relative), new StringContent($"value of {key}"));
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }

        var set = await first.RedisCliAsync("-c", "-h", first.Nodes[0].Host, "-p", first.Nodes[0].Port.ToString(CultureInfo.InvariantCulture), "SET", "written-by-cli", "cli value");
        Assert.True(set.ExitCode == 0 && set.StandardOutput.Trim() == "OK", set.ToString());
        return keys;
    }

    private static async Task AssertKeysAsync(TestAppHost app, IReadOnlyList<string> keys)
    {
        using var client = app.CreateHttpClient("sample-api");
        foreach (var key in keys)
        {
            Assert.Equal($"value of {key}", await client.GetStringAsync(new Uri($"/items/{key}", UriKind.Relative)));
        }

        Assert.Equal("cli value", await client.GetStringAsync(new Uri("/items/written-by-cli", UriKind.Relative)));
    }

    // Every command a node executed since it started, this run: cluster-init's verification and sample-api's reads only.
    private static async Task AssertNoMutatingCommandAsync(TestAppHost app)
    {
        foreach (var node in app.Nodes)
        {
            await using var client = await app.ConnectAdminAsync(node);
            var called = RedisInfo.CalledCommands((await client.ExecuteAsync("INFO", "commandstats")).AsText());
            var mutating = called.Intersect(MutatingCommands).Order().ToList();
            Assert.True(mutating.Count == 0, $"{node.Name} executed {string.Join(", ", mutating)}; all: {string.Join(", ", called.Order())}");
        }
    }
}
