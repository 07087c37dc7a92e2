using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using RedisAspire.AppHost.Containers;
using RedisAspire.AppHost.Options;
using RedisAspire.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Containers;

/// <summary>
/// The negative control of the NAT proof: six containers of the product's node image started by the test itself (no
/// AppHost) on a network of their own, ports published on the announce address exactly as the product publishes them,
/// but with no announce settings, so every node announces its container IP (the classic NAT trap). Formed by ClusterInit
/// from the host, which reaches container IPs directly. Everything carries the project's labels;
/// <see cref="DisposeAsync"/> removes it all and fails if anything with them remains.
/// </summary>
internal sealed class UnannouncedCluster : IAsyncDisposable
{
    private const int NodeCount = 6;
    private const int ContainerPort = 6379;
    private const int NetworkAttempts = 5;

    private readonly ContainerRuntimeCli _cli;
    private readonly string _announce;
    private readonly List<UnannouncedNode> _nodes = [];
    private int _disposed;

    private UnannouncedCluster(ContainerRuntimeCli cli, string announce)
    {
        _cli = cli;
        _announce = announce;
        Id = Guid.NewGuid().ToString("N")[..10];
        Password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Directory = Path.Combine(Path.GetTempPath(), "redisaspire-tests", $"unannounced-{Id}");
    }

    public string Id { get; }

    public string Password { get; }

    /// <summary>Where the nodes' folders are; also the value of the state-folder label.</summary>
    public string Directory { get; }

    public string NetworkName => $"redisaspire-test-{Id}";

    public IReadOnlyList<UnannouncedNode> Nodes => _nodes;

    private string[] Labels => ["--label", $"{ContainerApplication.ClusterLabel}=unannounced-{Id}", "--label", $"{ContainerApplication.StateLabel}={Directory}"];

    public static async Task<UnannouncedCluster> StartAsync(ContainerRuntimeCli cli, string announce, ITestOutputHelper output)
    {
        var cluster = new UnannouncedCluster(cli, announce);
        try
        {
            var image = await EnsureImageAsync(cli.Name);
            await cluster.CreateNetworkAsync();
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("The NAT proof needs a Linux host (file modes, network namespaces).");
            }

            await cluster.StartNodesAsync(image);
            var formation = await cluster.FormAsync();
            output.WriteLine($"unannounced cluster on {cli.Name} formed by ClusterInit in {formation.TotalSeconds:0.0} s");
            return cluster;
        }
        catch (Exception failure)
        {
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

    /// <summary><c>CLUSTER NODES</c> as the first node sees it, asked through its published port.</summary>
    public async Task<IReadOnlyList<ClusterNodesLine>> ClusterNodesAsync()
    {
        await using var client = await TestRedisClient.ConnectAsync(_announce, _nodes[0].PublishedPort, Password);
        return ClusterNodesLine.ParseAll((await client.ExecuteAsync("CLUSTER", "NODES")).AsText());
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        var label = $"{ContainerApplication.StateLabel}={Directory}";
        try
        {
            await _cli.RemoveLabelledAsync(label);
        }
        finally
        {
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }

        var left = await _cli.FindLabelledAsync(label);
        if (left.Count > 0)
        {
            throw new InvalidOperationException($"Still present after removing everything labelled {label}: {string.Join(", ", left)}");
        }
    }

    // The product's own node image, built from this machine's redis-server by the AppHost's code when it is missing.
    private static async Task<string> EnsureImageAsync(string runtime)
    {
        var container = new ContainerOptions { Runtime = runtime };
        var (info, _) = await ContainerRuntimeSelector.SelectWithReasonAsync(container, CancellationToken.None);
        await ContainerImage.EnsureAsync(new ContainerCli(info, container.CommandTimeout, [], NullLogger.Instance), container.Image, null, NullLogger.Instance, CancellationToken.None);
        return container.Image;
    }

    private async Task CreateNetworkAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var (subnet, gateway) = await PrivateSubnets.NextNetworkAsync();
            var create = await _cli.RunAsync(["network", "create", "--subnet", subnet, "--gateway", gateway, .. Labels, NetworkName]);
            if (create.ExitCode == 0)
            {
                return;
            }

            // Another process may have taken the subnet since it was checked: podman says "already used", docker "overlaps".
            var taken = create.Output.Contains("already used", StringComparison.OrdinalIgnoreCase) || create.Output.Contains("overlaps", StringComparison.OrdinalIgnoreCase);
            if (!taken || attempt == NetworkAttempts)
            {
                throw new InvalidOperationException($"{_cli.Name} could not create the test network: {create}");
            }
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private async Task StartNodesAsync(string image)
    {
        var ports = PortAllocator.Allocate(NodeCount);
        for (var i = 0; i < NodeCount; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"node-{i}");
            var folder = Path.Combine(Directory, name);
            WriteConfig(folder);
            _nodes.Add(new UnannouncedNode(name, $"{NetworkName}-{name}", ports[i], "", folder));
        }

        await Task.WhenAll(_nodes.Select(node => _cli.RunCheckedAsync(
        [
            "run", "-d", "--name", node.ContainerName, .. Labels, "--network", NetworkName,
            "-p", $"{_announce}:{node.PublishedPort}:{ContainerPort}", "-p", $"{_announce}:{node.PublishedPort + PortAllocator.BusPortOffset}:{ContainerPort + PortAllocator.BusPortOffset}",
            "-v", $"{node.DataDirectory}:/data", .. _cli.RunArguments, image, "redis-server", "/data/redis.conf",
        ])));

        for (var i = 0; i < NodeCount; i++)
        {
            var ip = await _cli.RunCheckedAsync(["inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", _nodes[i].ContainerName]);
            _nodes[i] = _nodes[i] with { ContainerIp = ip };
        }
    }

    // Owner-only from the first byte: it holds the password. No cluster-announce-* lines: that is the point.
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private void WriteConfig(string folder)
    {
        System.IO.Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string[] lines =
        [
            string.Create(CultureInfo.InvariantCulture, $"port {ContainerPort}"),
            "bind 0.0.0.0",
            "cluster-enabled yes",
            "cluster-config-file nodes.conf",
            "cluster-node-timeout 5000",
            "appendonly yes",
            "dir /data",
            $"requirepass \"{Password}\"",
            $"masterauth \"{Password}\"",
            "repl-diskless-sync-delay 0",
        ];
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        using var writer = new StreamWriter(Path.Combine(folder, "redis.conf"), Encoding.ASCII, options);
        writer.Write(string.Join('\n', lines) + "\n");
    }

    // Given their container IPs, which the host (where ClusterInit runs) reaches directly: formation works, and only
    // clients outside the container network are broken.
    private async Task<TimeSpan> FormAsync()
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
            var prefix = string.Create(CultureInfo.InvariantCulture, $"Cluster__Nodes__{i}__");
            environment[prefix + "Name"] = _nodes[i].Name;
            environment[prefix + "Endpoint"] = string.Create(CultureInfo.InvariantCulture, $"{_nodes[i].ContainerIp}:{ContainerPort}");
            environment[prefix + "BusPort"] = (ContainerPort + PortAllocator.BusPortOffset).ToString(CultureInfo.InvariantCulture);
        }

        var formation = await ClusterInitProcess.RunAsync(environment);
        if (formation.ExitCode != 0)
        {
            var logs = new StringBuilder();
            foreach (var node in _nodes)
            {
                var log = await _cli.RunAsync(["logs", "--tail", "15", node.ContainerName]);
                logs.Append(CultureInfo.InvariantCulture, $"\n--- {node.ContainerName} ({node.ContainerIp}) ---\n{log.Output}");
            }

            throw new InvalidOperationException($"ClusterInit did not form the unannounced cluster: {formation}{logs}");
        }

        return formation.Duration;
    }
}
