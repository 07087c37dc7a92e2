using RedisAspire.Hosting.Publishing;
using Microsoft.Extensions.Configuration;
using RedisAspire.AppHost.Publishing.Kubernetes;
using RedisAspire.ClusterInit.Options;
using YamlDotNet.RepresentationModel;

namespace RedisAspire.Tests.Publishing;

/// <summary><c>--Kubernetes:ExternalAccess=NodePort</c>: every node reachable, and announced, at a node address and its own node ports.</summary>
public sealed class KubernetesExternalAccessTests : IDisposable
{
    private readonly KubernetesOutput _output = new(
        "--Kubernetes:ExternalAccess=NodePort", "--Kubernetes:NodeAddress=192.0.2.10",
        "--Kubernetes:ClientNodePortBase=31000", "--Kubernetes:BusNodePortBase=31100");

    [Fact]
    public void EveryPodGetsANodePortServiceForItsClientAndBusPorts()
    {
        var services = YamlNodes.LoadAll(_output.PathOf("redis-external.yaml"));

        Assert.Equal(0, _output.ExitCode);
        Assert.Equal(6, services.Count);
        for (var i = 0; i < 6; i++)
        {
            var spec = services[i].Get("spec");
            Assert.Equal("NodePort", spec.Get("type").Text());
            Assert.Equal($"redis-{i}", spec.At("selector").TextMap()["statefulset.kubernetes.io/pod-name"]);
            var ports = spec.Get("ports");
            Assert.Equal((6379, 31000 + i), (ports.Named("redis").Get("port").Int(), ports.Named("redis").Get("nodePort").Int()));
            Assert.Equal((16379, 31100 + i), (ports.Named("bus").Get("port").Int(), ports.Named("bus").Get("nodePort").Int()));
        }

        Assert.Contains("redis-external.yaml", YamlNodes.LoadSingle(_output.PathOf("kustomization.yaml")).Get("resources").Texts());
    }

    [Fact]
    public void NodesAnnounceTheNodeAddressAndPickTheirNodePortsByOrdinal()
    {
        var redis = Redis();
        var env = redis.Get("env");
        var command = redis.Get("command").Texts();

        Assert.Equal("192.0.2.10", env.Named("ANNOUNCE_IP").Get("value").Text());
        Assert.Equal("metadata.name", env.Named("POD_NAME").At("valueFrom.fieldRef.fieldPath").Text());
        Assert.Equal("31000", env.Named("CLIENT_NODE_PORT_BASE").Get("value").Text());
        Assert.Equal("31100", env.Named("BUS_NODE_PORT_BASE").Get("value").Text());
        Assert.Equal(["sh", "-c", RedisStatefulSet.NodePortPrelude + PublishedNode.StartScript], command);
        Assert.False(YamlNodes.LoadSingle(_output.PathOf("redis-statefulset.yaml")).At("spec.template.spec").Has("initContainers"));
    }

    [Fact]
    public void ClusterInitManagesTheNodesAtTheAddressesTheyAnnounce()
    {
        var job = YamlNodes.LoadSingle(_output.PathOf("cluster-init-job.yaml"));
        var env = Assert.Single(job.At("spec.template.spec.containers").Items()).Get("env");

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal($"192.0.2.10:{31000 + i}", env.Named($"Cluster__Nodes__{i}__Endpoint").Get("value").Text());
            Assert.Equal($"{31100 + i}", env.Named($"Cluster__Nodes__{i}__BusPort").Get("value").Text());
        }

        var values = env.Items().Where(e => e.Has("value"))
            .ToDictionary(e => e.Get("name").Text().Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Get("value").Text());
        values["Cluster:Password"] = "secret";
        var options = new ClusterOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(ClusterOptions.SectionName).Bind(options);
        Assert.Empty(ClusterOptionsValidator.Validate(options));
    }

    [Fact]
    public void TurningExternalAccessOffRemovesTheNodePortServices()
    {
        Assert.Equal(0, _output.Publish());

        Assert.False(File.Exists(_output.PathOf("redis-external.yaml")));
        Assert.DoesNotContain("redis-external.yaml", YamlNodes.LoadSingle(_output.PathOf("kustomization.yaml")).Get("resources").Texts());
    }

    private YamlNode Redis() =>
        YamlNodes.LoadSingle(_output.PathOf("redis-statefulset.yaml")).At("spec.template.spec.containers").Named("redis");

    public void Dispose() => _output.Dispose();
}
