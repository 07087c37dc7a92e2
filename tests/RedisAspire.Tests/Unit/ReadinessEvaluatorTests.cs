using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Readiness;

namespace RedisAspire.Tests.Unit;

public class ReadinessEvaluatorTests
{
    private static readonly string A = ClusterScenario.Id(0);
    private static readonly string B = ClusterScenario.Id(1);
    private static readonly string C = ClusterScenario.Id(2);

    [Fact]
    public void FindsNoProblemInReadySixNodeCluster()
    {
        Assert.Empty(Evaluate(ClusterScenario.Ready()));
    }

    [Fact]
    public void ReportsNodeWhoseClusterStateIsFail()
    {
        var scenario = ClusterScenario.Ready();
        scenario.ClusterInfo[2] = scenario.ClusterInfo[2].Replace("cluster_state:ok", "cluster_state:fail", StringComparison.Ordinal);

        var problem = Assert.Single(Evaluate(scenario));

        Assert.Equal($"{ClusterScenario.Display(2)}: cluster_state:fail", problem);
    }

    [Fact]
    public void ReportsNodeThatDoesNotReportClusterState()
    {
        var scenario = ClusterScenario.Ready();
        scenario.ClusterInfo[1] = "cluster_enabled:1\r\n";

        var problem = Assert.Single(Evaluate(scenario));

        Assert.Equal($"{ClusterScenario.Display(1)}: cluster_state:unknown", problem);
    }

    [Theory]
    [InlineData("down")]
    [InlineData("")]
    public void ReportsReplicaWhoseLinkToItsMasterIsNotUp(string status)
    {
        var scenario = ClusterScenario.Ready();
        scenario.Replication[4] = scenario.Replication[4].Replace("master_link_status:up", $"master_link_status:{status}", StringComparison.Ordinal);

        var problem = Assert.Single(Evaluate(scenario));

        Assert.Equal($"{ClusterScenario.Display(4)}: replica link to its master is {status}", problem);
    }

    [Fact]
    public void ReportsReplicaThatDoesNotReportItsLinkStatus()
    {
        var scenario = ClusterScenario.Ready();
        scenario.Replication[5] = "role:slave\r\n";

        var problem = Assert.Single(Evaluate(scenario));

        Assert.Equal($"{ClusterScenario.Display(5)}: replica link to its master is unknown", problem);
    }

    [Fact]
    public void ReportsNodeThatDoesNotKnowOnePeer()
    {
        var scenario = ClusterScenario.Ready()
            .EditClusterNodes(1, ClusterScenario.Line(5, myself: false) + "\n", "");

        var problems = Evaluate(scenario);

        Assert.Contains($"{ClusterScenario.Display(1)}: does not know {ClusterScenario.Display(5)} yet", problems);
        Assert.All(problems, p => Assert.StartsWith(ClusterScenario.Display(1), p, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("fail?")]
    [InlineData("fail")]
    [InlineData("handshake")]
    [InlineData("noaddr")]
    public void ReportsPeerSeenWithBadFlag(string flag)
    {
        var scenario = ClusterScenario.Ready()
            .EditClusterNodes(0, $"{B} 127.0.0.1:7001@17001 master ", $"{B} 127.0.0.1:7001@17001 master,{flag} ");

        var problem = Assert.Single(Evaluate(scenario));

        Assert.Equal($"{ClusterScenario.Display(0)}: sees {ClusterScenario.Display(1)} as {flag}", problem);
    }

    [Fact]
    public void ReportsPeerKnownAtAnotherAddress()
    {
        var scenario = ClusterScenario.Ready()
            .EditClusterNodes(3, "127.0.0.1:7002@17002", "10.88.0.5:7002@17002");

        var problem = Assert.Single(Evaluate(scenario));

        Assert.Equal($"{ClusterScenario.Display(3)}: has {ClusterScenario.Display(2)} at 10.88.0.5:7002", problem);
    }

    [Fact]
    public void ReportsUnconfiguredNodeInAView()
    {
        var stranger = new string('9', 40);
        var scenario = ClusterScenario.Ready();
        scenario.ClusterNodes[2] += $"{stranger} 10.0.0.9:7000@17000 master - 0 0 9 connected\n";

        var problems = Evaluate(scenario);

        Assert.Contains($"{ClusterScenario.Display(2)}: knows node {stranger} at 10.0.0.9:7000, which is not a configured node", problems);
    }

    [Fact]
    public void ReportsMigratingAndImportingSlot()
    {
        var scenario = ClusterScenario.Ready()
            .EditClusterNodes(0, "myself,master - 0 17000000000 1 connected 0-5460", $"myself,master - 0 17000000000 1 connected 0-5460 [5->-{B}]")
            .EditClusterNodes(1, "myself,master - 0 17000000001 2 connected 5461-10922", $"myself,master - 0 17000000001 2 connected 5461-10922 [5-<-{A}]");

        var problems = Evaluate(scenario);

        Assert.Equal(
            [$"{ClusterScenario.Display(0)}: slots 5 are migrating or importing", $"{ClusterScenario.Display(1)}: slots 5 are migrating or importing"],
            problems);
    }

    [Fact]
    public void ReportsUncoveredSlots()
    {
        var scenario = ClusterScenario.Ready().EditAllClusterNodes("10923-16383", "10923-15999");

        var problem = Assert.Single(Evaluate(scenario));

        Assert.Equal($"{ClusterScenario.Display(0)}: 16000 of 16384 slots are covered", problem);
    }

    [Fact]
    public void ReportsMasterWithoutReplica()
    {
        var scenario = ClusterScenario.Ready().EditAllClusterNodes($"slave {C} ", "master - ");
        scenario.Replication[5] = "role:master\r\nconnected_slaves:0\r\n";

        var problem = Assert.Single(Evaluate(scenario));

        Assert.Contains("127.0.0.1:7002", problem, StringComparison.Ordinal);
        Assert.Contains("has 0 replica(s), expected 1", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsMastersThatOwnNoSlotsAsMissing()
    {
        var scenario = ClusterScenario.Ready().EditAllClusterNodes("connected 0-5460", "connected 0-10922").EditAllClusterNodes("connected 5461-10922", "connected");

        var problems = Evaluate(scenario);

        Assert.Contains($"{ClusterScenario.Display(0)}: 2 masters own slots, expected 3", problems);
        Assert.Contains(problems, p => p.StartsWith($"replica {ClusterScenario.Display(4)} follows ", StringComparison.Ordinal) && p.EndsWith("which owns no slots", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportsAnEmptyNodeListAsNotReady()
    {
        Assert.Equal(["no node is configured"], ReadinessEvaluator.Evaluate([], 3, 1));
    }

    [Fact]
    public void ReportsNodesWhoseSlotMapDisagrees()
    {
        var scenario = ClusterScenario.Ready()
            .EditClusterNodes(4, "connected 0-5460", "connected 0-5461")
            .EditClusterNodes(4, "connected 5461-10922", "connected 5462-10922");

        var problem = Assert.Single(Evaluate(scenario));

        Assert.Equal($"{ClusterScenario.Display(4)}: its slot map differs from {ClusterScenario.Display(0)}'s", problem);
    }

    [Fact]
    public void ReportsNodesThatDisagreeWhoReplicatesWhom()
    {
        var scenario = ClusterScenario.Ready().EditClusterNodes(2, $"slave {A} ", $"slave {B} ");

        var problems = Evaluate(scenario);

        Assert.Contains($"{ClusterScenario.Display(2)}: its slot map differs from {ClusterScenario.Display(0)}'s", problems);
    }

    [Fact]
    public void ReportsNodeWithClusterModeDisabledAndStopsThere()
    {
        var snapshots = ClusterScenario.Ready().Snapshots().ToArray();
        snapshots[3] = new NodeSnapshot { Node = ClusterScenario.Node(3), ClusterEnabled = false, KeyCount = 5 };

        var problem = Assert.Single(ReadinessEvaluator.Evaluate(snapshots, 3, 1));

        Assert.Equal($"{ClusterScenario.Display(3)}: cluster mode is disabled", problem);
    }

    [Fact]
    public void ReportsTwoConfiguredNodesWithTheSameId()
    {
        var scenario = ClusterScenario.Ready();
        scenario.ClusterNodes[5] = scenario.ClusterNodes[4];

        var problem = Assert.Single(Evaluate(scenario));

        Assert.Equal($"{ClusterScenario.Display(5)}: node ID {ClusterScenario.Id(4)} is used by another configured node too", problem);
    }

    [Fact]
    public void ReportsSeveralProblemsAtOnceEachNamingItsNode()
    {
        var scenario = ClusterScenario.Ready()
            .EditClusterNodes(0, $"{B} 127.0.0.1:7001@17001 master ", $"{B} 127.0.0.1:7001@17001 master,fail? ");
        scenario.ClusterInfo[1] = "cluster_state:fail\r\n";
        scenario.Replication[3] = "role:slave\r\nmaster_link_status:down\r\n";

        var problems = Evaluate(scenario);

        Assert.Equal(
            [
                $"{ClusterScenario.Display(0)}: sees {ClusterScenario.Display(1)} as fail?",
                $"{ClusterScenario.Display(1)}: cluster_state:fail",
                $"{ClusterScenario.Display(3)}: replica link to its master is down",
            ],
            problems);
    }

    private static IReadOnlyList<string> Evaluate(ClusterScenario scenario) =>
        ReadinessEvaluator.Evaluate(scenario.Snapshots(), masters: 3, replicasPerMaster: 1);
}
