using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using RedisAspire.AppHost.Options;
using RedisAspire.AppHost.Processes;
using RedisAspire.AppHost.Redis;
using RedisAspire.AppHost.Resources;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.AppHost.Containers;

/// <summary>
/// Runs each node as a container through the docker or podman CLI, attached (<c>run</c> without <c>-d</c>): the CLI
/// process lives as long as the node, forwards SIGTERM to it, prints its output and exits with its exit code, so nodes
/// are watched and stopped exactly like processes. Every container and network carries this run's labels; a stop
/// removes all of them (a node that died stays until then, for <c>logs</c> and <c>inspect</c>).
/// </summary>
internal sealed partial class ContainerNodeRunner(RedisClusterResource cluster, ContainerRuntimeInfo runtime, ILogger logger) : INodeRunner
{
    private const int NetworkCreateAttempts = 5;

    private readonly List<ChildProcess> _processes = [];
    private readonly List<IPNetwork> _triedSubnets = [];
    private ContainerCli? _cli;
    private ContainerRunSettings? _settings;
    private ContainerDeployment? _deployment;
    private bool _created;

    public string Description => _deployment is not { } d ? runtime.Name
        : $"{runtime.Name}, {d.Network.ToString().ToLowerInvariant()} network{(d.NetworkName is null ? "" : $" {d.NetworkName} ({d.Subnet})")}, announcing {d.AnnounceIp}, image {d.Image}, app {d.AppId}";

    public IReadOnlyList<ChildProcess> Processes => [.. _processes];

    public bool NeedsStop => _created || _processes.Count > 0;

    private ContainerCli Cli => _cli ?? throw new InvalidOperationException("PrepareAsync must run first.");

    private ContainerDeployment Deployment => _deployment ?? throw new InvalidOperationException("PrepareAsync must run first.");

    public async Task<IReadOnlyList<RedisNode>> PrepareAsync(AppHostContext context, ClusterCredentials credentials, CancellationToken cancellationToken)
    {
        var options = context.Container;
        var network = options.Network ?? ContainerNetworkDefaults.ForCurrentPlatform();
        if (network == ContainerNetwork.Host && !OperatingSystem.IsLinux())
        {
            throw new AppHostException("Container:Network=host works on Linux only: elsewhere the containers' host network is a VM's, not this machine's. Use shared or bridge.");
        }

        if (context.StateDirectory.Contains(':', StringComparison.Ordinal))
        {
            throw new AppHostException($"AppHost:StateDirectory {context.StateDirectory} contains ':', which a container volume (-v source:target) cannot take; choose a folder without it.");
        }

        _cli = new ContainerCli(runtime, options.CommandTimeout, credentials.Secrets, logger);
        _settings = new ContainerRunSettings(
            ContainerRunDefaults.Apply(ShellWords.Split(options.RunArgs), runtime, ContainerRunDefaults.CurrentLimits(), CurrentUser()),
            runtime.SelinuxEnabled,
            $"{Environment.MachineName}/{Environment.ProcessId}");
        var stateKey = ContainerAppId.StateKey(context.StateDirectory);
        await ContainerCleanup.RemoveLeftoversAsync(_cli, stateKey, context.StateDirectory, logger, cancellationToken);

        var nodes = ClusterTopology.Compute(context.Cluster, context.StateDirectory);
        var appId = ContainerAppId.Create(context.StateDirectory);
        var names = nodes.ToDictionary(n => n.Name, n => ContainerAppId.ContainerName(appId, n.Name), StringComparer.Ordinal);
        _deployment = new ContainerDeployment(runtime.Executable, appId, stateKey, network, options.Image, null, null, nodes[0].Host, names);
        if (network == ContainerNetwork.Shared)
        {
            _deployment = _deployment with { AnnounceIp = IPAddress.Loopback.ToString() };
        }
        else if (network == ContainerNetwork.Bridge)
        {
            var subnet = options.Subnet.Length > 0 ? IPNetwork.Parse(options.Subnet) : await PickSubnetAsync(cancellationToken);
            _deployment = WithSubnet(_deployment with { NetworkName = ContainerAppId.NetworkName(appId) }, subnet, options);
        }

        nodes = Announced(nodes);
        // The gateway exists only once the network does; every other announce address must be free on this machine now.
        if (network != ContainerNetwork.Bridge || options.AnnounceIp.Length > 0)
        {
            PortAvailability.EnsureFree(nodes);
        }

        cluster.Containers = _deployment;
        return nodes;
    }

    public async Task<IReadOnlyList<RedisNode>> ProvisionAsync(AppHostContext context, IReadOnlyList<RedisNode> nodes, CancellationToken cancellationToken)
    {
        await ContainerImage.EnsureAsync(Cli, Deployment.Image, context.AppHost.RedisServerPath, logger, cancellationToken);
        if (Deployment.Network != ContainerNetwork.Bridge)
        {
            return nodes;
        }

        for (var attempt = 1; ; attempt++)
        {
            var subnet = IPNetwork.Parse(Deployment.Subnet!);
            _created = true;
            var result = await Cli.TryRunAsync(
                ContainerArguments.CreateNetwork(Deployment, _settings!, runtime.Kind, subnet.ToString(), BridgeSubnet.Gateway(subnet).ToString()), cancellationToken);
            if (result.Succeeded)
            {
                var gateway = BridgeSubnet.Gateway(subnet).ToString();
                LogNetwork(logger, Deployment.NetworkName!, Deployment.Subnet!, gateway, Deployment.AnnounceIp);
                cluster.Containers = Deployment;
                return Announced(nodes);
            }

            // Another run may have taken the same subnet a moment ago: pick the next free one, unless it was configured.
            if (context.Container.Subnet.Length > 0 || attempt == NetworkCreateAttempts)
            {
                throw new AppHostException(CliCommand.DescribeFailure(
                    result, Cli.Secrets, "Set Container:Subnet to a free IPv4 subnet (see `" + runtime.Name + " network inspect`), e.g. 10.213.7.0/24."));
            }

            _triedSubnets.Add(subnet);
            _deployment = WithSubnet(Deployment, await PickSubnetAsync(cancellationToken), context.Container);
        }
    }

    public string RenderConfig(RedisNode node, AppHostContext context, ClusterCredentials credentials) =>
        RedisConfigWriter.RenderForContainer(node, Deployment.Network, context.Cluster, credentials, RuntimeInformation.OSArchitecture);

    public async Task<IReadOnlyList<(RedisNode Node, ChildProcess Process)>> StartAsync(
        AppHostContext context, IReadOnlyList<RedisNode> nodes, ClusterCredentials credentials, CancellationToken cancellationToken)
    {
        var started = new List<(RedisNode, ChildProcess)>();
        foreach (var node in nodes)
        {
            _created = true;
            var arguments = ContainerArguments.Run(Deployment, _settings!, node, nodes);
            var spec = new ChildProcessSpec(node.Name, runtime.Executable, arguments, node.Directory, new Dictionary<string, string>(), credentials.Secrets, []);
            var process = ChildProcess.Start(spec, context.LoggerFactory.CreateLogger(node.Name));
            _processes.Add(process);
            started.Add((node, process));
            if (Deployment.Network == ContainerNetwork.Shared && node.Index == 0)
            {
                // The others join this container's network namespace, which exists once it runs.
                await WaitRunningAsync(node, process, context.AppHost, cancellationToken);
            }
        }

        return started;
    }

    public async Task StopAsync(TimeSpan timeout)
    {
        // In shared mode redis-0 owns the others' network namespace: it goes last.
        var owners = _deployment?.Network == ContainerNetwork.Shared ? _processes.Where(p => p.Name == ClusterTopology.NodeNamePrefix + "0").ToList() : [];
        await Task.WhenAll(_processes.Except(owners).Select(p => p.StopAsync(timeout)));
        await Task.WhenAll(owners.Select(p => p.StopAsync(timeout)));
        _processes.ForEach(p => p.Dispose());
        _processes.Clear();
        if (!_created || _cli is null || _deployment is null)
        {
            return;
        }

        try
        {
            var left = await ContainerCleanup.ListAsync(_cli, _deployment.LabelFilter, CancellationToken.None);
            await ContainerCleanup.RemoveContainersAsync(_cli, left, logger, CancellationToken.None);
            if (_deployment.NetworkName is not null)
            {
                await ContainerCleanup.RemoveNetworksAsync(_cli, _deployment.LabelFilter, logger, CancellationToken.None);
            }

            _created = false;
        }
        catch (AppHostException ex)
        {
            LogCleanupFailed(logger, ex.Message, runtime.Name, _deployment.LabelFilter);
        }
    }

    private static (uint Uid, uint Gid)? CurrentUser() =>
        OperatingSystem.IsWindows() ? null : (NativeMethods.GetEffectiveUserId(), NativeMethods.GetEffectiveGroupId());

    private static ContainerDeployment WithSubnet(ContainerDeployment deployment, IPNetwork subnet, ContainerOptions options) =>
        deployment with
        {
            Subnet = subnet.ToString(),
            AnnounceIp = options.AnnounceIp.Length > 0 ? IPAddress.Parse(options.AnnounceIp).ToString() : BridgeSubnet.Gateway(subnet).ToString(),
        };

    private IReadOnlyList<RedisNode> Announced(IReadOnlyList<RedisNode> nodes) => [.. nodes.Select(n => n with { Host = Deployment.AnnounceIp })];

    private async Task<IPNetwork> PickSubnetAsync(CancellationToken cancellationToken)
    {
        var taken = new List<IPNetwork>(NetworkSubnets.OfThisMachine());
        var ids = (await Cli.RunAsync(["network", "ls", "-q"], cancellationToken)).Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length > 0)
        {
            taken.AddRange(NetworkSubnets.FromNetworkInspect(await Cli.RunAsync(["network", "inspect", .. ids], cancellationToken)));
        }

        return BridgeSubnet.Pick(taken, ContainerAppId.Preference(Deployment.StateKey), _triedSubnets)
            ?? throw new AppHostException($"No /24 in {BridgeSubnet.CandidateBlock} is free for the bridge network; set Container:Subnet to a free IPv4 subnet.");
    }

    private async Task WaitRunningAsync(RedisNode node, ChildProcess process, AppHostOptions options, CancellationToken cancellationToken)
    {
        var name = Deployment.ContainerNames[node.Name];
        var started = Stopwatch.GetTimestamp();
        var lastSeen = "nothing yet";
        while (!process.Exited.IsCompleted)
        {
            var result = await Cli.TryRunAsync(["container", "inspect", "--format", "{{.State.Running}}", name], cancellationToken);
            if (result.Succeeded && result.StandardOutput.Trim() == "true")
            {
                return;
            }

            lastSeen = result.Succeeded ? $"running={result.StandardOutput.Trim()}" : result.StandardError.Trim();
            if (Stopwatch.GetElapsedTime(started) >= options.NodeStartTimeout)
            {
                throw new AppHostException($"{node.Name}: container {name} was not running within {options.NodeStartTimeout} (AppHost:NodeStartTimeout); last seen: {lastSeen}. Command: {process.CommandLine}");
            }

            await Task.WhenAny(Task.Delay(options.ProbeInterval, cancellationToken), process.Exited);
            cancellationToken.ThrowIfCancellationRequested();
        }

        // Exited: the readiness wait reports it with its exit code and output.
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "network {Network} ({Subnet}, gateway {Gateway}) created; nodes announce {AnnounceIp}")]
    private static partial void LogNetwork(ILogger logger, string network, string subnet, string gateway, string announceIp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failure}\nRemove what is left with `{Runtime} rm -f $({Runtime} ps -aq --filter {Filter})`.")]
    private static partial void LogCleanupFailed(ILogger logger, string failure, string runtime, string filter);
}
