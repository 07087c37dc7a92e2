using System.Runtime.InteropServices;
using RedisAspire.AppHost.Options;
using RedisAspire.AppHost.Redis;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>The redis.conf of a node that runs in a container, per network mode.</summary>
public sealed class ContainerConfigTests
{
    private const string Password = "s3cret-Pa55word";

    private static readonly RedisClusterOptions Options = new() { NodeTimeout = TimeSpan.FromSeconds(5) };

    [Theory]
    [InlineData(ContainerNetwork.Host)]
    [InlineData(ContainerNetwork.Shared)]
    [InlineData(ContainerNetwork.Bridge)]
    public void StateAndLogLiveInTheMountedDataFolder(ContainerNetwork network)
    {
        var lines = Render(network, "127.0.0.1");

        Assert.Contains("dir \"/data\"", lines);
        Assert.Contains("logfile \"/data/redis.log\"", lines);
        Assert.Contains("port 7003", lines);
        Assert.Contains("cluster-config-file nodes.conf", lines);
        Assert.Contains("appendonly yes", lines);
        Assert.DoesNotContain(lines, l => l.Contains("/state/redis-3", StringComparison.Ordinal));
    }

    [Fact]
    public void HostNetworkBindsAndAnnouncesTheConfiguredAddressLikeAProcess()
    {
        var lines = Render(ContainerNetwork.Host, "127.0.0.1");

        Assert.Contains("bind 127.0.0.1", lines);
        Assert.Contains("cluster-announce-ip 127.0.0.1", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("cluster-announce-port", StringComparison.Ordinal));
    }

    [Fact]
    public void SharedNetworkBindsEveryInterfaceAndAnnouncesLoopback()
    {
        var lines = Render(ContainerNetwork.Shared, "127.0.0.1");

        Assert.Contains("bind 0.0.0.0", lines);
        Assert.Contains("cluster-announce-ip 127.0.0.1", lines);
    }

    [Fact]
    public void BridgeNetworkAnnouncesTheGatewayAndThePublishedPorts()
    {
        var lines = Render(ContainerNetwork.Bridge, "10.213.7.1");

        Assert.Contains("bind 0.0.0.0", lines);
        Assert.Contains("cluster-announce-ip 10.213.7.1", lines);
        Assert.Contains("cluster-announce-port 7003", lines);
        Assert.Contains("cluster-announce-bus-port 17003", lines);
        Assert.Contains("protected-mode yes", lines);
    }

    [Theory]
    [InlineData(ContainerNetwork.Host)]
    [InlineData(ContainerNetwork.Shared)]
    [InlineData(ContainerNetwork.Bridge)]
    public void PasswordAppearsOnlyInRequirepassAndMasterauth(ContainerNetwork network)
    {
        var withPassword = Render(network, "10.213.7.1").Where(l => l.Contains(Password, StringComparison.Ordinal));

        Assert.Equal([$"requirepass \"{Password}\"", $"masterauth \"{Password}\""], withPassword);
    }

    [Theory]
    [InlineData(ContainerNetwork.Host)]
    [InlineData(ContainerNetwork.Shared)]
    [InlineData(ContainerNetwork.Bridge)]
    public void EveryKeyIsWrittenOnce(ContainerNetwork network)
    {
        var keys = Render(network, "10.213.7.1").Where(l => !l.StartsWith('#')).Select(l => l.Split(' ')[0]).ToList();

        Assert.Equal(keys.Distinct().Count(), keys.Count);
    }

    private static string[] Render(ContainerNetwork network, string announceIp) =>
        RedisConfigWriter.RenderForContainer(new RedisNode(3, "redis-3", announceIp, 7003, 17003, "/state/redis-3"), network, Options, ClusterCredentials.PasswordOnly(Password), Architecture.X64)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
