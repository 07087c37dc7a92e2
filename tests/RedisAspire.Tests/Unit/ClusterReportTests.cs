using RedisAspire.Cluster;
using RedisAspire.Cluster.Inspection;

namespace RedisAspire.Tests.Unit;

public class ClusterReportTests
{
    [Fact]
    public void RendersHeaderAndOneRowPerNode()
    {
        var report = ClusterReport.Render(ClusterScenario.Ready().Snapshots());

        Assert.Equal(
            [
                "NODE     ENDPOINT        ROLE     SLOTS        MASTER",
                "redis-0  127.0.0.1:7000  master   0-5460       -",
                "redis-1  127.0.0.1:7001  master   5461-10922   -",
                "redis-2  127.0.0.1:7002  master   10923-16383  -",
                "redis-3  127.0.0.1:7003  replica  -            redis-0",
                "redis-4  127.0.0.1:7004  replica  -            redis-1",
                "redis-5  127.0.0.1:7005  replica  -            redis-2",
            ],
            report.Split(Environment.NewLine));
    }

    [Fact]
    public void ShowsSeveralSlotRangesAndTheMasterIdWhenTheMasterIsNotConfigured()
    {
        var stranger = new string('9', 40);
        var scenario = ClusterScenario.Ready()
            .EditClusterNodes(0, "connected 0-5460", "connected 0-100 200 300-5460")
            .EditClusterNodes(3, $"myself,slave {ClusterScenario.Id(0)}", $"myself,slave {stranger}");

        var lines = ClusterReport.Render(scenario.Snapshots()).Split(Environment.NewLine);

        Assert.Equal(["redis-0", "127.0.0.1:7000", "master", "0-100,200,300-5460", "-"], Cells(lines[1]));
        Assert.Equal(["redis-3", "127.0.0.1:7003", "replica", "-", stranger], Cells(lines[4]));
    }

    [Fact]
    public void ShowsUnknownRoleForNodeWithoutClusterView()
    {
        var snapshots = ClusterScenario.Ready().Snapshots().ToArray();
        snapshots[2] = new NodeSnapshot { Node = ClusterScenario.Node(2), ClusterEnabled = false, KeyCount = 0 };

        var lines = ClusterReport.Render(snapshots).Split(Environment.NewLine);

        Assert.Equal(["redis-2", "127.0.0.1:7002", "?", "-", "-"], Cells(lines[3]));
        Assert.Equal(["redis-5", "127.0.0.1:7005", "replica", "-", ClusterScenario.Id(2)], Cells(lines[6]));
    }

    [Fact]
    public void AlignsColumnsAndTrimsTrailingSpaces()
    {
        var lines = ClusterReport.Render(ClusterScenario.Ready().Snapshots()).Split(Environment.NewLine);

        var roleColumn = lines[0].IndexOf("ROLE", StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.True(l[roleColumn..].StartsWith("master", StringComparison.Ordinal) || l[roleColumn..].StartsWith("replica", StringComparison.Ordinal), l));
        Assert.All(lines, l => Assert.Equal(l.TrimEnd(), l));
    }

    [Fact]
    public void RendersOnlyTheHeaderForNoNodes()
    {
        Assert.Equal("NODE  ENDPOINT  ROLE  SLOTS  MASTER", ClusterReport.Render([]));
    }

    private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
