using System.Security.Cryptography;
using System.Text.RegularExpressions;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.ClusterFormation;

/// <summary>ClusterInit stops with an error that names what to fix, and changes nothing it cannot change safely.</summary>
public sealed partial class ClusterInitSafetyTests
{
    [RedisFact]
    public async Task RefusesToFormOverANodeThatHoldsKeys()
    {
        // DEBUG POPULATE writes a key into a node that owns no slot (SET is refused with CLUSTERDOWN there).
        await using var cluster = await RedisTestCluster.StartAsync(
            new RedisNodeSettings { ExtraConfig = ["enable-debug-command local"] });
        var holder = cluster.Nodes[3];
        Assert.Equal("OK", await cluster.ExecTextAsync(3, "DEBUG", "POPULATE", "1", "precious"));
        await ClusterAssertions.ResetCommandStatsAsync(cluster);

        var run = await cluster.RunClusterInitAsync();

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.True(
            run.Lines.Any(line => NamesNode(line, holder) && KeyWord().IsMatch(line)),
            $"no line names {holder} and says it holds keys; {run}");
        Assert.Equal(1, (await cluster.ExecAsync(3, "DBSIZE")).AsInteger());
        Assert.Equal("precious:0", Assert.Single((await cluster.ExecAsync(3, "SCAN", "0")).Items[1].Items).AsText());
        await ClusterAssertions.AssertNoMutatingCommandsAsync(cluster);
    }

    [RedisFact]
    public async Task WrongPasswordGivesClearError()
    {
        await using var cluster = await RedisTestCluster.StartAsync();
        var wrongPassword = "wrong-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

        var run = await cluster.RunClusterInitAsync(
            overrides: new Dictionary<string, string?> { ["Cluster__Password"] = wrongPassword });

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.True(run.Duration < TimeSpan.FromSeconds(30), run.ToString());
        Assert.Contains("Cluster:Password", run.Output, StringComparison.Ordinal);
        Assert.Contains("auth", run.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(wrongPassword, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Password, run.Output, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task UnreachableNodeTimesOutNamingTheNode()
    {
        await using var cluster = await RedisTestCluster.StartAsync();
        var unreachable = cluster.Nodes[4];
        await unreachable.KillAsync();

        var run = await cluster.RunClusterInitAsync(
            overrides: new Dictionary<string, string?> { ["Cluster__NodesTimeout"] = "00:00:03" });

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.True(run.Duration < TimeSpan.FromSeconds(30), run.ToString());
        Assert.True(run.Lines.Any(line => NamesNode(line, unreachable)), $"no line names {unreachable}; {run}");
        Assert.Contains("refused", run.Output, StringComparison.OrdinalIgnoreCase);
    }

    private static bool NamesNode(string line, RedisNode node) =>
        line.Contains(node.Name, StringComparison.Ordinal) || line.Contains(node.Endpoint, StringComparison.Ordinal);

    [GeneratedRegex(@"\bkeys?\b", RegexOptions.IgnoreCase)]
    private static partial Regex KeyWord();
}
