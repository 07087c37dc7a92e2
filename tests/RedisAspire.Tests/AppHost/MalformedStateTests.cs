using RedisAspire.AppHost;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>State a start cannot trust stops AppHost before any node runs, naming the file, and the file stays as it was.</summary>
public sealed class MalformedStateTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("redisaspire-malformed-").FullName;

    [RedisFact]
    public async Task MalformedNodesConfFailsNamingTheFileAndLeavesItUntouched()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_state, "redis-3")).FullName;
        var nodesConf = Path.Combine(folder, "nodes.conf");
        var garbage = "3246363af799b2db30e10050c69a54d7bc25e00b 127.0.0.1:7003@17003 myself,master - 0 0 1 connected 0-5460 99999\n"u8.ToArray();
        await File.WriteAllBytesAsync(nodesConf, garbage);
        await using var app = TestApplicationBuilder.Create()
            .WithStateDirectory(_state)
            .WithSetting("Cluster:BasePort", PortBlock.Allocate(6))
            .Build();

        var ex = await Assert.ThrowsAsync<AppHostException>(() => app.StartAsync());
        output.WriteLine(ex.Message);

        Assert.StartsWith("prepare-node exited with code 1; the nodes were not started.", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{nodesConf} cannot be read as a nodes.conf", ex.Message, StringComparison.Ordinal);
        Assert.Contains("left untouched", ex.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(nodesConf));
        // No backup or temporary copy either: prepare-node wrote nothing (AppHost's own redis.conf is regenerated every start).
        Assert.Equal(["nodes.conf"], Directory.EnumerateFiles(folder, "nodes.conf*").Select(Path.GetFileName));
        Assert.DoesNotContain("nodes starting", app.Output.Text, StringComparison.Ordinal);
        Assert.Empty(app.FindProcesses());
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);
}
