using RedisAspire.ClusterInit.Recovery;

namespace RedisAspire.Tests.Unit;

/// <summary><see cref="ServingEvaluator"/>: every slot served by the nodes that answer, the nodes that are down left out.</summary>
public sealed class ServingEvaluatorTests
{
    private static readonly string LostId = ClusterScenario.Id(0);

    [Fact]
    public void ShardWhoseMasterIsDownIsNotServed()
    {
        var problems = ServingEvaluator.Evaluate(LostShardScenarios.Answering(LostShardScenarios.MasterDown()));

        Assert.Contains($"{ClusterScenario.Display(1)}: assigns slots 0-5460 to node {LostId}, which does not answer", problems);
        Assert.Contains($"{ClusterScenario.Display(1)}: 10923 of 16384 slots are served by masters that answer", problems);
        Assert.Contains($"{ClusterScenario.Display(3)}: replica link to its master is down", problems);
    }

    [Fact]
    public void ClusterAfterATakeoverIsServingWithoutTheMasterThatIsDown()
    {
        var scenario = ClusterScenario.Ready();
        var oldMaster = ClusterScenario.Line(0, myself: false);
        for (var viewer = 1; viewer < ClusterScenario.NodeCount; viewer++)
        {
            scenario.EditClusterNodes(viewer, oldMaster, $"{LostId} 127.0.0.1:7000@17000 master,fail - 1700000000000 1700000000000 1 disconnected");
            var replica = ClusterScenario.Line(3, myself: viewer == 3);
            var role = viewer == 3 ? "myself,master" : "master";
            scenario.EditClusterNodes(viewer, replica, $"{ClusterScenario.Id(3)} 127.0.0.1:7003@17003 {role} - 0 1700000000003 7 connected 0-5460");
        }

        scenario.Replication[3] = "# Replication\r\nrole:master\r\nconnected_slaves:0\r\n";

        var problems = ServingEvaluator.Evaluate(LostShardScenarios.Answering(scenario));

        Assert.Empty(problems);
    }
}
