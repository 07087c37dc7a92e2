using System.Globalization;
using System.Net;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>Stopping the application and starting it again on the same state folder brings back the same cluster and data.</summary>
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
        var builder = TestApplicationBuilder.Create()
            .WithStateDirectory(_state)
            .WithSetting("Cluster:BasePort", PortBlock.Allocate(6));
        var keys = Enumerable.Range(0, KeyCount).Select(i => string.Create(CultureInfo.InvariantCulture, $"restart-{i}")).ToList();
        IReadOnlyList<int> ports;
        await using (var first = await builder.StartAsync())
        {
            ports = first.NodePorts;
            Assert.Contains("All 6 nodes are empty and alone", first.Output.Text, StringComparison.Ordinal);
            using var http = first.CreateHttpClient("sample-api");
            foreach (var key in keys)
            {
                using var put = await http.PutAsync(new Uri($"/items/{key}", UriKind.Relative), new StringContent($"value of {key}"));
                Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
            }

            var set = await first.RedisCliAsync("-c", "-p", ports[0].ToString(CultureInfo.InvariantCulture), "SET", "written-by-cli", "cli value");
            Assert.True(set.ExitCode == 0 && set.StandardOutput.Trim() == "OK", set.ToString());
        }

        Assert.Empty(AppProcesses.Find("127.0.0.1", ports));

        await using var second = await builder.StartAsync();

        var output = second.Output.Text;
        Assert.Matches(@"\[cluster-init\] .*Not every node is empty and alone", output);
        Assert.DoesNotContain("forming a new cluster", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Repair plan", output, StringComparison.Ordinal);
        await AssertNoMutatingCommandAsync(second);
        using var client = second.CreateHttpClient("sample-api");
        foreach (var key in keys)
        {
            Assert.Equal($"value of {key}", await client.GetStringAsync(new Uri($"/items/{key}", UriKind.Relative)));
        }

        Assert.Equal("cli value", await client.GetStringAsync(new Uri("/items/written-by-cli", UriKind.Relative)));
        await second.WaitForResourceHealthyAsync("cache", TimeSpan.FromSeconds(10));
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    // Every command a node executed since it started, this run: cluster-init's verification and sample-api's reads only.
    private static async Task AssertNoMutatingCommandAsync(TestApplication app)
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
