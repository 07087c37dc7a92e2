using RedisAspire.AppHost.Containers;
using RedisAspire.AppHost.Options;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>The docker/podman arguments AppHost builds for each node, per network mode.</summary>
public sealed class ContainerArgumentsTests
{
    private const string AppId = "1a2b3c4d-9f8e7d";

    private static readonly ContainerRunSettings Settings = new(["--ulimit", "nofile=10032:10032"], SelinuxRelabel: false, Owner: "vm/42");

    [Fact]
    public void HostNetworkRunsOnTheHostsPortsWithLabelsVolumeAndRedisConf()
    {
        var nodes = Nodes("127.0.0.1");

        var arguments = ContainerArguments.Run(Deployment(ContainerNetwork.Host, "127.0.0.1"), Settings, nodes[2], nodes);

        Assert.Equal(
            ["run", "--pull", "never", "--name", "redisaspire-1a2b3c4d-9f8e7d-redis-2",
             "--label", "redisaspire.app=1a2b3c4d-9f8e7d", "--label", "redisaspire.resource=redis-2",
             "--label", "redisaspire.state=1a2b3c4d", "--label", "redisaspire.owner=vm/42",
             "--ulimit", "nofile=10032:10032",
             "-v", "/state/redis-2:/data",
             "--network", "host",
             "--entrypoint", "redis-server", ContainerImages.Redis, "/data/redis.conf"],
            arguments);
    }

    [Fact]
    public void SharedNetworkFirstNodePublishesEveryClientAndBusPortOnLoopback()
    {
        var nodes = Nodes("127.0.0.1");

        var arguments = ContainerArguments.Run(Deployment(ContainerNetwork.Shared, "127.0.0.1"), Settings, nodes[0], nodes);

        var published = Values(arguments, "-p");
        Assert.Equal(
            ["127.0.0.1:7000:7000", "127.0.0.1:17000:17000", "127.0.0.1:7001:7001", "127.0.0.1:17001:17001", "127.0.0.1:7002:7002", "127.0.0.1:17002:17002"],
            published);
        Assert.DoesNotContain("--network", arguments);
    }

    [Fact]
    public void SharedNetworkOtherNodesJoinTheFirstNodesNamespaceAndPublishNothing()
    {
        var nodes = Nodes("127.0.0.1");

        var arguments = ContainerArguments.Run(Deployment(ContainerNetwork.Shared, "127.0.0.1"), Settings, nodes[1], nodes);

        Assert.Equal(["container:redisaspire-1a2b3c4d-9f8e7d-redis-0"], Values(arguments, "--network"));
        Assert.Empty(Values(arguments, "-p"));
    }

    [Fact]
    public void BridgeNetworkPublishesTheNodesOwnPortsOnTheAnnounceAddressOnly()
    {
        var nodes = Nodes("10.213.7.1");

        var arguments = ContainerArguments.Run(Deployment(ContainerNetwork.Bridge, "10.213.7.1"), Settings, nodes[1], nodes);

        Assert.Equal(["redisaspire-1a2b3c4d-9f8e7d"], Values(arguments, "--network"));
        Assert.Equal(["10.213.7.1:7001:7001", "10.213.7.1:17001:17001"], Values(arguments, "-p"));
    }

    [Fact]
    public void SelinuxHostsGetAPrivateVolumeLabel()
    {
        var nodes = Nodes("127.0.0.1");

        var arguments = ContainerArguments.Run(Deployment(ContainerNetwork.Host, "127.0.0.1"), Settings with { SelinuxRelabel = true }, nodes[0], nodes);

        Assert.Equal(["/state/redis-0:/data:Z"], Values(arguments, "-v"));
    }

    [Fact]
    public void ExtraArgumentsComeBeforeTheImageSoTheyAreRunOptions()
    {
        var nodes = Nodes("127.0.0.1");
        var settings = Settings with { ExtraArguments = ["--runtime", "runc"] };

        var arguments = ContainerArguments.Run(Deployment(ContainerNetwork.Host, "127.0.0.1"), settings, nodes[0], nodes).ToList();

        Assert.True(arguments.IndexOf("runc") < arguments.IndexOf(ContainerImages.Redis));
        Assert.Equal("/data/redis.conf", arguments[^1]);
    }

    [Fact]
    public void NetworkIsCreatedWithTheAppLabelsSubnetAndGateway()
    {
        var arguments = ContainerArguments.CreateNetwork(Deployment(ContainerNetwork.Bridge, "10.213.7.1"), Settings, ContainerRuntimeKind.Docker, "10.213.7.0/24", "10.213.7.1");

        Assert.Equal(
            ["network", "create", "--label", "redisaspire.app=1a2b3c4d-9f8e7d", "--label", "redisaspire.state=1a2b3c4d", "--label", "redisaspire.owner=vm/42",
             "--subnet", "10.213.7.0/24", "--gateway", "10.213.7.1", "redisaspire-1a2b3c4d-9f8e7d"],
            arguments);
    }

    [Fact]
    public void PodmanNetworksRunNoDnsServer()
    {
        var arguments = ContainerArguments.CreateNetwork(Deployment(ContainerNetwork.Bridge, "10.213.7.1"), Settings, ContainerRuntimeKind.Podman, "10.213.7.0/24", "10.213.7.1");

        Assert.Equal(["network", "create", "--disable-dns"], arguments.Take(3));
    }

    [Theory]
    [InlineData(ContainerNetwork.Host)]
    [InlineData(ContainerNetwork.Shared)]
    [InlineData(ContainerNetwork.Bridge)]
    public void NoArgumentCarriesThePassword(ContainerNetwork network)
    {
        var nodes = Nodes("10.213.7.1");
        var deployment = Deployment(network, "10.213.7.1");

        var everything = nodes.SelectMany(n => ContainerArguments.Run(deployment, Settings, n, nodes));

        Assert.DoesNotContain(everything, a => a.Contains("requirepass", StringComparison.Ordinal) || a.Contains("password", StringComparison.OrdinalIgnoreCase));
    }

    private static RedisNode[] Nodes(string host) =>
        [.. Enumerable.Range(0, 3).Select(i => new RedisNode(i, $"redis-{i}", host, 7000 + i, 17000 + i, $"/state/redis-{i}"))];

    private static ContainerDeployment Deployment(ContainerNetwork network, string announceIp) => new(
        "podman", AppId, "1a2b3c4d", network, ContainerImages.Redis,
        network == ContainerNetwork.Bridge ? ContainerAppId.NetworkName(AppId) : null,
        network == ContainerNetwork.Bridge ? "10.213.7.0/24" : null,
        announceIp,
        Enumerable.Range(0, 3).ToDictionary(i => $"redis-{i}", i => ContainerAppId.ContainerName(AppId, $"redis-{i}")));

    private static List<string> Values(IReadOnlyList<string> arguments, string option) =>
        [.. arguments.Select((a, i) => (a, i)).Where(x => x.a == option).Select(x => arguments[x.i + 1])];
}
