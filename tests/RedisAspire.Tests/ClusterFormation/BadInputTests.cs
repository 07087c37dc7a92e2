using System.Globalization;
using RedisAspire.Tests.Infrastructure;
using RedisAspire.Tests.Resilience;
using Xunit.Abstractions;

namespace RedisAspire.Tests.ClusterFormation;

/// <summary>
/// Every bad input to ClusterInit ends with an error that names the configuration key or the node, a documented exit
/// code (1 not Ready, 2 invalid configuration), and no change on any node: no cluster-changing command counted in
/// <c>INFO commandstats</c>, the same <c>CLUSTER NODES</c> view and the same key count on every node. Each test writes
/// ClusterInit's output to the test log, so a run shows the exact error a user would see.
/// </summary>
public sealed class BadInputTests(ITestOutputHelper output)
{
    private const int InvalidConfiguration = 2;
    private const int NotReady = 1;

    // Bounds a run: a ClusterInit that hung on a bad peer would be killed here and fail the test with its output.
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, string?> ShortWaits = new()
    {
        ["Cluster__NodesTimeout"] = "00:00:03",
        ["Cluster__CommandTimeout"] = "00:00:01",
    };

    [RedisFact]
    public async Task FewerThanThreeMastersNamesClusterMasters()
    {
        await using var cluster = await RedisTestCluster.StartAsync();

        await AssertRejectedWithoutChangeAsync(
            cluster,
            new() { ["Cluster__Masters"] = "2" },
            InvalidConfiguration,
            "Cluster:Masters is 2");
    }

    [RedisFact]
    public async Task ReplicasThatCannotBePlacedNameClusterNodesAndTheCountsNeeded()
    {
        await using var cluster = await RedisTestCluster.StartAsync();

        await AssertRejectedWithoutChangeAsync(
            cluster,
            new() { ["Cluster__ReplicasPerMaster"] = "2" },
            InvalidConfiguration,
            "Cluster:Nodes lists 6 nodes, but 3 masters with 2 replica(s) each need 9");
    }

    [RedisFact]
    public async Task PortOutOfRangeNamesTheNodesEndpointKey()
    {
        await using var cluster = await RedisTestCluster.StartAsync();

        await AssertRejectedWithoutChangeAsync(
            cluster,
            new() { ["Cluster__Nodes__2__Endpoint"] = "127.0.0.1:70000" },
            InvalidConfiguration,
            "Cluster:Nodes:2:Endpoint");
    }

    [RedisFact]
    public async Task BusPortOutOfRangeNamesTheNodesBusPortKey()
    {
        await using var cluster = await RedisTestCluster.StartAsync();

        await AssertRejectedWithoutChangeAsync(
            cluster,
            new() { ["Cluster__Nodes__4__BusPort"] = "65536" },
            InvalidConfiguration,
            "Cluster:Nodes:4:BusPort");
    }

    [RedisFact]
    public async Task BusPortThatIsAnotherNodesClientPortNamesBothNodes()
    {
        await using var cluster = await RedisTestCluster.StartAsync();
        var clientPort = cluster.Nodes[2].Port.ToString(CultureInfo.InvariantCulture);

        await AssertRejectedWithoutChangeAsync(
            cluster,
            new() { ["Cluster__Nodes__1__BusPort"] = clientPort },
            InvalidConfiguration,
            $"127.0.0.1:{clientPort} is already used by",
            "Cluster:Nodes:");
    }

    [RedisFact]
    public async Task WrongPasswordNamesClusterPasswordAndTheNode()
    {
        await using var cluster = await RedisTestCluster.StartAsync();

        var run = await AssertRejectedWithoutChangeAsync(
            cluster,
            new() { ["Cluster__Password"] = "not-the-password" },
            NotReady,
            "Cluster:Password",
            "rejected authentication");

        Assert.DoesNotContain("not-the-password", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Password, run.Output, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task NodeThatBelongsToAnotherClusterIsNamedAndNothingIsFormed()
    {
        await using var cluster = await RedisTestCluster.StartAsync();
        await using var stranger = new RedisNode("stranger", PortAllocator.Allocate(1)[0], cluster.Credentials);
        await stranger.StartAsync();
        var member = cluster.Nodes[5];
        Assert.Equal("OK", await cluster.ExecTextAsync(5, "CLUSTER", "MEET", "127.0.0.1", stranger.Port.ToString(CultureInfo.InvariantCulture)));
        await Poll.UntilAsync(
            $"{member} and {stranger} to know each other and {member} to know its own address",
            TimeSpan.FromSeconds(20),
            async () =>
            {
                var view = ClusterNodesLine.ParseAll(await cluster.ExecTextAsync(5, "CLUSTER", "NODES"));
                // Settled: the handshake is over and the member learned its own address from the stranger.
                return view.Count == 2 && view.All(line => !line.Flags.Contains("handshake") && line.Host.Length > 0)
                    ? null
                    : string.Join(" | ", view);
            });

        await AssertRejectedWithoutChangeAsync(cluster, [], NotReady, $"which is none of the configured nodes (known by {member})", stranger.Endpoint);
    }

    [RedisFact]
    public async Task UnreachableNodeIsNamedWithWhatWasLastSeen()
    {
        await using var cluster = await RedisTestCluster.StartAsync();
        var nobody = PortAllocator.Allocate(1)[0];
        var overrides = new Dictionary<string, string?>(ShortWaits)
        {
            ["Cluster__Nodes__5__Endpoint"] = $"127.0.0.1:{nobody}",
        };

        await AssertRejectedWithoutChangeAsync(
            cluster, overrides, NotReady, "Not every node answered PING within Cluster:NodesTimeout", $"redis-5 (127.0.0.1:{nobody})", "refused");
    }

    [RedisFact]
    public async Task NodeThatHoldsKeysIsNamedAndKeepsThem()
    {
        await using var cluster = await RedisTestCluster.StartAsync(new RedisNodeSettings { ExtraConfig = ["enable-debug-command local"] });
        Assert.Equal("OK", await cluster.ExecTextAsync(2, "DEBUG", "POPULATE", "3", "precious"));

        await AssertRejectedWithoutChangeAsync(
            cluster, [], NotReady, $"{cluster.Nodes[2]} holds 3 key(s) but belongs to no cluster", "these nodes were never formed into a cluster");
    }

    [RedisTheory]
    [InlineData(FakeRedisBehavior.Garbage, "invalid reply")]
    [InlineData(FakeRedisBehavior.StopsMidReply, "redis-5")]
    [InlineData(FakeRedisBehavior.Silent, "did not answer")]
    [InlineData(FakeRedisBehavior.EnormousLength, "invalid reply")]
    public async Task MisbehavingServerIsNamedAndNeitherHangsNorCrashesClusterInit(FakeRedisBehavior behavior, string expected)
    {
        await using var cluster = await RedisTestCluster.StartAsync();
        await using var fake = FakeRedisServer.Start(behavior);
        var overrides = new Dictionary<string, string?>(ShortWaits)
        {
            ["Cluster__Nodes__5__Endpoint"] = fake.Endpoint,
            ["Cluster__Nodes__5__BusPort"] = (fake.Port + 1 > 65535 ? fake.Port - 1 : fake.Port + 1).ToString(CultureInfo.InvariantCulture),
        };

        var run = await AssertRejectedWithoutChangeAsync(cluster, overrides, NotReady, "redis-5", fake.Endpoint, expected);

        Assert.True(fake.BytesReceived > 0, $"ClusterInit never sent a command to the {fake}; {run}");
        Assert.DoesNotContain("Unhandled exception", run.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs ClusterInit with <paramref name="overrides"/> and asserts its exit code, that its output contains every
    /// <paramref name="expected"/> text, and that no node changed.
    /// </summary>
    private async Task<ProcessResult> AssertRejectedWithoutChangeAsync(
        RedisTestCluster cluster, Dictionary<string, string?> overrides, int expectedExitCode, params string[] expected)
    {
        var before = await NodeStatesAsync(cluster);
        await ClusterAssertions.ResetCommandStatsAsync(cluster);

        var run = await cluster.RunClusterInitAsync(overrides: overrides, timeout: RunBound);
        output.WriteLine(run.ToString());

        Assert.True(run.ExitCode == expectedExitCode, $"expected exit code {expectedExitCode}; {run}");
        // The error itself must say it: progress lines logged before it do not count.
        var failAt = run.Output.IndexOf("fail:", StringComparison.Ordinal);
        Assert.True(failAt >= 0, $"no error logged; {run}");
        var error = run.Output[failAt..];
        foreach (var text in expected)
        {
            Assert.True(error.Contains(text, StringComparison.Ordinal), $"the error lacks '{text}'; {run}");
        }

        await ClusterAssertions.AssertNoMutatingCommandsAsync(cluster);
        var after = await NodeStatesAsync(cluster);
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            Assert.True(before[i] == after[i], $"{cluster.Nodes[i]} changed:\nbefore {before[i]}\nafter  {after[i]}");
        }

        return run;
    }

    /// <summary>Per node: key count and every CLUSTER NODES entry without its timestamps (which move on their own).</summary>
    private static async Task<string[]> NodeStatesAsync(RedisTestCluster cluster)
    {
        var states = new string[cluster.Nodes.Count];
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            var keys = (await cluster.ExecAsync(i, "DBSIZE")).AsInteger();
            var view = ClusterNodesLine.ParseAll(await cluster.ExecTextAsync(i, "CLUSTER", "NODES"))
                .Select(line => $"{line.Id} {line.Endpoint} {string.Join(',', line.Flags.Order())} {line.MasterId} {string.Join(',', line.Slots)}")
                .Order(StringComparer.Ordinal);
            states[i] = $"keys={keys}; " + string.Join(" | ", view);
        }

        return states;
    }
}
