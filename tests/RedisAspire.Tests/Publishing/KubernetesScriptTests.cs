using RedisAspire.Hosting.Configuration;
using RedisAspire.AppHost.Publishing.Kubernetes;
using RedisAspire.Cluster.NodesConf;
using RedisAspire.Cluster.Resp;
using RedisAspire.Cluster.Topology;
using RedisAspire.ClusterInit.Waiting;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Publishing;

/// <summary>The shell the Kubernetes manifests run (probes, node-port prelude) and prepare-node's arguments, run for real.</summary>
public sealed class KubernetesScriptTests
{
    private const string Password = "Probe-Secret-0123456789";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [RedisFact]
    public async Task ProbesPassOnlyWithTheRightPasswordFromTheEnvironment()
    {
        var port = PortAllocator.Allocate(1)[0];
        await using var node = new Infrastructure.RedisNode("redis-0", port, ClusterCredentials.PasswordOnly(Password));
        await node.StartAsync();

        var ready = await RunAsync(RedisStatefulSet.ReadinessScript, Password, port);
        var alive = await RunAsync(RedisStatefulSet.LivenessScript, Password, port);
        var notReady = await RunAsync(RedisStatefulSet.ReadinessScript, "wrong-password", port);
        var notAlive = await RunAsync(RedisStatefulSet.LivenessScript, "wrong-password", port);

        Assert.Equal(0, ready.ExitCode);
        Assert.Equal(0, alive.ExitCode);
        Assert.Equal(1, notReady.ExitCode);
        Assert.Contains("WRONGPASS", notReady.Output, StringComparison.Ordinal);
        Assert.Equal(1, notAlive.ExitCode);
    }

    [RedisFact]
    public async Task ProbesFailWhenNothingAnswers()
    {
        var port = PortAllocator.Allocate(1)[0];

        Assert.Equal(1, (await RunAsync(RedisStatefulSet.ReadinessScript, Password, port)).ExitCode);
        Assert.Equal(1, (await RunAsync(RedisStatefulSet.LivenessScript, Password, port)).ExitCode);
    }

    [Fact]
    public async Task NodePortPreludePicksThePortsOfThePodsOrdinal()
    {
        var result = await ChildProcess.RunAsync(
            "sh", ["-c", RedisStatefulSet.NodePortPrelude + "echo \"$ANNOUNCE_PORT $ANNOUNCE_BUS_PORT\"\n"], Timeout,
            new Dictionary<string, string?> { ["POD_NAME"] = "redis-4", ["CLIENT_NODE_PORT_BASE"] = "31000", ["BUS_NODE_PORT_BASE"] = "31100" });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("31004 31104", result.StandardOutput.Trim());
    }

    [RedisFact]
    public async Task PrepareNodeWritesThePodIpIntoTheNodesOwnEntryWithTheInitContainersArguments()
    {
        using var output = new KubernetesOutput();
        var init = YamlNodes.LoadSingle(output.PathOf("redis-statefulset.yaml")).At("spec.template.spec.initContainers").Named("prepare-node");
        var port = PortAllocator.Allocate(1)[0];
        await using var node = new Infrastructure.RedisNode("redis-0", port, ClusterCredentials.PasswordOnly(Password));
        await node.StartAsync();
        await node.StopAsync();
        var arguments = init.Get("args").Texts()
            .Select(a => a.Replace("$(POD_IP)", "10.244.3.17", StringComparison.Ordinal).Replace("/data/", node.DataDirectory + "/", StringComparison.Ordinal))
            .ToList();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        Assert.Equal("prepare-node", arguments[0]);
        Assert.Equal(0, PrepareNodeCommand.Run(arguments[1..], stdout, stderr));
        var myself = NodesConfFile.Parse(File.ReadAllText(node.NodesConfPath)).Myself;
        Assert.Equal(("10.244.3.17", 6379, 16379), (myself.Endpoint?.Host, myself.Port, myself.BusPort));
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public async Task ClusterInitKeepsWaitingWhileAPodsDnsNameDoesNotResolveYetAndResolvesNamesToAddresses()
    {
        // The Job starts before the pods exist: an unknown name must count as "not up yet", not as a failure.
        await using var connection = new RedisAdminConnection(
            "redis-0", NodeEndpoint.Parse("redis-0.redis-headless.redisaspire.invalid:6379"), Password, TimeSpan.FromSeconds(5));

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync(CancellationToken.None, "PING"));
        var resolved = await EndpointResolver.ResolveAsync(NodeEndpoint.Parse("localhost:6379"), CancellationToken.None);

        Assert.True(Poller.IsTransient(exception), exception.ToString());
        Assert.Contains("redis-0.redis-headless.redisaspire.invalid", exception.Message, StringComparison.Ordinal);
        Assert.True(System.Net.IPAddress.IsLoopback(System.Net.IPAddress.Parse(resolved.Host)), resolved.Host);
    }

    private static Task<ProcessResult> RunAsync(string script, string password, int port) => NodeShellCheck.RunAsync(script, password, port);
}
