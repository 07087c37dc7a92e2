using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Containers;

/// <summary>
/// Six Redis containers started by the test itself (no AppHost) on a container network of their own, client and bus
/// ports published on the network's gateway, formed by ClusterInit. With <c>announce</c> every node announces the
/// gateway and its published ports (the product's bridge mode); without it nodes announce their container IPs (the
/// classic NAT trap). Everything carries the label <c>redisaspire.test=&lt;id&gt;</c>; <see cref="DisposeAsync"/>
/// removes it all and fails if anything with that label remains.
/// </summary>
public sealed class RawBridgeCluster : IAsyncDisposable
{
    /// <summary>Label key on every container and network the container tests create themselves.</summary>
    public const string TestLabel = "redisaspire.test";

    private const int NodeCount = 6;
    private const int ContainerPort = RawBridgeConfigFile.ContainerPort;
    private const int ContainerBusPort = RawBridgeConfigFile.ContainerPort + PortAllocator.BusPortOffset;
    private const int NetworkAttempts = 5;

    private readonly ContainerRuntimeCli _runtime = ContainerRuntimeCli.Current;
    private readonly List<RawBridgeNode> _nodes = [];
    private readonly string _directory;
    private int _disposed;

    private RawBridgeCluster(bool announces)
    {
        Announces = announces;
        Id = Guid.NewGuid().ToString("N")[..10];
        Password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _directory = Path.Combine(Path.GetTempPath(), "redisaspire-tests", $"containers-{Id}");
    }

    /// <summary>Unique per cluster: the value of <see cref="TestLabel"/> and part of every name.</summary>
    public string Id { get; }

    /// <summary>Whether nodes announce the gateway and published ports.</summary>
    public bool Announces { get; }

    public string Password { get; }

    public string NetworkName => $"redisaspire-test-{Id}";

    /// <summary>The network's gateway: the host's address on it, where every port is published.</summary>
    public string Gateway { get; private set; } = "";

    public string Subnet { get; private set; } = "";

    public IReadOnlyList<RawBridgeNode> Nodes => _nodes;

    /// <summary>What ClusterInit printed when it formed the cluster.</summary>
    public ProcessResult? Formation { get; private set; }

    /// <summary>Creates the network, starts six nodes and forms the cluster with ClusterInit (run on the host).</summary>
    public static async Task<RawBridgeCluster> StartAsync(bool announce)
    {
        var cluster = new RawBridgeCluster(announce);
        try
        {
            await cluster.CreateNetworkAsync();
            await cluster.StartNodesAsync(await LocalRedisImage.EnsureAsync());
            await cluster.FormAsync();
            return cluster;
        }
        catch (Exception failure)
        {
            // Cleaning up after a failure can fail too (e.g. a runtime that does not answer): report both.
            try
            {
                await cluster.DisposeAsync();
            }
            catch (Exception cleanup)
            {
                throw new AggregateException(failure, cleanup);
            }

            throw;
        }
    }

    // The cluster's own label and this test process as owner, for ContainerLeftoversFixture.
    private string[] Labels => ["--label", $"{TestLabel}={Id}", "--label", ContainerLeftoversFixture.ThisProcessLabel];

    /// <summary>The node a <c>CLUSTER NODES</c> line describes, by announced port or by container IP.</summary>
    public RawBridgeNode NodeOf(ClusterNodesLine line) => Announces
        ? _nodes.Single(node => node.PublishedPort == line.Port)
        : _nodes.Single(node => node.ContainerIp == line.Host && line.Port == ContainerPort);

    /// <summary>Sends one command to <paramref name="node"/> from the host, through its published port.</summary>
    public async Task<RespReply> ExecAsync(RawBridgeNode node, params string[] args)
    {
        await using var client = await TestRedisClient.ConnectAsync(Gateway, node.PublishedPort, Password);
        return await client.ExecuteAsync(args);
    }

    /// <summary><c>CLUSTER NODES</c> as the first node sees it.</summary>
    public async Task<IReadOnlyList<ClusterNodesLine>> ClusterNodesAsync() =>
        ClusterNodesLine.ParseAll((await ExecAsync(_nodes[0], "CLUSTER", "NODES")).AsText());

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        var label = $"{TestLabel}={Id}";
        try
        {
            await _runtime.RemoveLabelledAsync(label);
        }
        finally
        {
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }

        var left = await _runtime.FindLabelledAsync(label);
        if (left.Count > 0)
        {
            throw new InvalidOperationException($"Still present after removing everything labelled {label}: {string.Join(", ", left)}");
        }
    }

    private async Task CreateNetworkAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            (Subnet, Gateway) = await PrivateSubnets.NextNetworkAsync();
            var create = await _runtime.RunAsync(
                ["network", "create", "--subnet", Subnet, "--gateway", Gateway, .. Labels, NetworkName]);
            if (create.ExitCode == 0)
            {
                return;
            }

            // Another process may have taken the subnet since it was checked: podman says "already used", docker "overlaps".
            var taken = create.Output.Contains("already used", StringComparison.OrdinalIgnoreCase)
                || create.Output.Contains("overlaps", StringComparison.OrdinalIgnoreCase);
            if (!taken || attempt == NetworkAttempts)
            {
                throw new InvalidOperationException($"{_runtime.Name} could not create the test network: {create}");
            }
        }
    }

    private async Task StartNodesAsync(string image)
    {
        var ports = PortAllocator.Allocate(NodeCount);
        for (var i = 0; i < NodeCount; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"redis-{i}");
            var directory = Path.Combine(_directory, name);
            RawBridgeConfigFile.Write(directory, Password, Announces ? (Gateway, ports[i]) : null);
            _nodes.Add(new RawBridgeNode(name, $"{NetworkName}-{name}", ports[i], ports[i] + PortAllocator.BusPortOffset, "", directory));
        }

        await Task.WhenAll(_nodes.Select(node => _runtime.RunCheckedAsync(
        [
            "run", "-d", "--name", node.ContainerName, .. Labels, "--network", NetworkName,
            "-p", $"{Gateway}:{node.PublishedPort}:{ContainerPort}", "-p", $"{Gateway}:{node.PublishedBusPort}:{ContainerBusPort}",
            "-v", $"{node.DataDirectory}:/data", .. _runtime.RunArguments, image, LocalRedisImage.ServerPath, "/data/redis.conf",
        ])));

        for (var i = 0; i < NodeCount; i++)
        {
            var ip = await _runtime.RunCheckedAsync(
                ["inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", _nodes[i].ContainerName]);
            _nodes[i] = _nodes[i] with { ContainerIp = ip };
        }
    }

    // Announcing nodes are given their announced endpoints; the others their container IPs, which the host (where
    // ClusterInit runs) reaches directly, so formation works and only clients outside the network are broken.
    private async Task FormAsync()
    {
        var environment = new Dictionary<string, string?>
        {
            ["Cluster__Masters"] = "3",
            ["Cluster__ReplicasPerMaster"] = "1",
            ["Cluster__Password"] = Password,
            ["Cluster__NodesTimeout"] = "00:00:30",
            ["Cluster__ReadyTimeout"] = "00:00:30",
        };
        for (var i = 0; i < NodeCount; i++)
        {
            var node = _nodes[i];
            var prefix = string.Create(CultureInfo.InvariantCulture, $"Cluster__Nodes__{i}__");
            environment[prefix + "Name"] = node.Name;
            environment[prefix + "Endpoint"] = Announces
                ? string.Create(CultureInfo.InvariantCulture, $"{Gateway}:{node.PublishedPort}")
                : string.Create(CultureInfo.InvariantCulture, $"{node.ContainerIp}:{ContainerPort}");
            environment[prefix + "BusPort"] = (Announces ? node.PublishedBusPort : ContainerBusPort).ToString(CultureInfo.InvariantCulture);
        }

        Formation = await ClusterInitProcess.RunAsync(environment);
        if (Formation.ExitCode != 0)
        {
            var logs = new StringBuilder();
            foreach (var node in _nodes)
            {
                var log = await _runtime.RunAsync(["logs", "--tail", "15", node.ContainerName]);
                logs.Append(CultureInfo.InvariantCulture, $"\n--- {node.ContainerName} ({node.ContainerIp}) ---\n{log.Output}");
            }

            throw new InvalidOperationException($"ClusterInit did not form the {(Announces ? "announcing" : "non-announcing")} cluster: {Formation}{logs}");
        }
    }
}
