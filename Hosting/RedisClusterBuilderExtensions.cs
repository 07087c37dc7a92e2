using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RedisAspire.Hosting.Commands;
using RedisAspire.Hosting.Configuration;
using RedisAspire.Hosting.Health;
using RedisAspire.Hosting.Lifecycle;
using RedisAspire.Hosting.Publishing;
using RedisAspire.Hosting.State;

namespace RedisAspire.Hosting;

/// <summary>Adds a Redis Cluster to an Aspire application model.</summary>
public static class RedisClusterBuilderExtensions
{
    /// <summary>
    /// Adds a Redis Cluster named <paramref name="name"/>: one <c>redis-server</c> node resource per node
    /// (<c>&lt;name&gt;-0</c> …) on fixed, proxyless ports, a cluster resource that is Healthy exactly when the cluster is
    /// Ready, the dashboard commands Check and Repair, and password parameters (<c>&lt;name&gt;-password</c> for the
    /// application, <c>&lt;name&gt;-admin-password</c>, <c>&lt;name&gt;-replication-password</c>) whose values are
    /// generated once into the state folder (0600) unless configured as <c>Parameters:&lt;parameter&gt;</c>.
    /// Forming the cluster is the job of the resource given <see cref="ClusterAdministrationExtensions.WithClusterAdministration{T}"/>.
    /// In publish mode the nodes are published as containers (<see cref="RedisClusterOptions.Image"/>, the start script of
    /// <see cref="Publishing.PublishedNode"/>, their manifest entries written by the integration) with one password,
    /// <c>&lt;name&gt;-password</c>, and an announce-address parameter <c>&lt;name&gt;-announce-ip</c>; TLS is refused.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The cluster's name; also the connection string's name.</param>
    /// <param name="configure">Sets the options; see <see cref="RedisClusterOptions"/>.</param>
    /// <exception cref="DistributedApplicationException">The options are invalid (the message names every key to fix) or <c>redis-server</c> is missing.</exception>
    public static IResourceBuilder<RedisClusterResource> AddRedisCluster(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, Action<RedisClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = new RedisClusterOptions();
        configure?.Invoke(options);
        var errors = RedisClusterOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new DistributedApplicationException("Invalid configuration:\n  " + string.Join("\n  ", errors));
        }

        var (runtime, runtimeWhy, redisServer) = ResolveRuntime(options, builder.ExecutionContext.IsRunMode);
        var host = System.Net.IPAddress.Parse(options.AnnounceIp).ToString();
        if (runtime == RedisNodeRuntime.Container)
        {
            if (options.ContainerNetwork == RedisContainerNetworkMode.Host)
            {
                throw new DistributedApplicationException(
                    "AppHost:Network=host is not available in this version: container nodes run on the orchestrator's container network with announce "
                    + "settings. Use --AppHost:Network=announce, or run the nodes as processes (--AppHost:Runtime=process), which involves no NAT either.");
            }

            Containers.ContainerNodes.SplitImage(options.ContainerImage);
            if (builder.ExecutionContext.IsRunMode)
            {
                // Aspire's orchestrator runs the containers: it must use the runtime the nodes were planned for.
                builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] = Containers.ContainerNodes.RuntimeName(options);
                (host, var announceWhy) = Containers.AnnounceAddress.Choose(options.AnnounceIp);
                runtimeWhy += $"; network mode announce, announcing {host} ({announceWhy})";
            }
        }

        if (builder.ExecutionContext.IsPublishMode)
        {
            PreparePublishing(options);
        }

        var stateDirectory = StateFolder.Resolve(options.StateDirectory, builder.AppHostDirectory);
        var cluster = new RedisClusterResource(name, options, stateDirectory) { Runtime = runtime, RuntimeReason = runtimeWhy };
        AddPasswordParameters(builder, cluster);
        if (builder.ExecutionContext.IsPublishMode)
        {
            // Asked for when the deployment is made (the address the nodes' ports are published on), never guessed.
            cluster.AnnounceIpParameter = builder.AddParameter($"{name}-announce-ip").Resource;
        }

        var healthKey = ClusterMonitor.HealthCheckKey(cluster);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthKey, _ => new RedisClusterHealthCheck(cluster), HealthStatus.Unhealthy, tags: null));
        var clusterBuilder = builder.AddResource(cluster)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "RedisCluster",
                State = KnownResourceStates.NotStarted,
                Properties =
                [
                    new(CustomResourceKnownProperties.Source, runtime == RedisNodeRuntime.Container ? options.ContainerImage : "redis-server"),
                    new("redis.cluster.shape", string.Create(CultureInfo.InvariantCulture, $"{options.Masters} masters × {1 + options.ReplicasPerMaster} nodes")) { DisplayName = "Shape" },
                    new("redis.cluster.state-directory", stateDirectory) { DisplayName = "State folder" },
                ],
            })
            .WithIconName("DatabaseStack")
            .WithHealthCheck(healthKey)
            .WithCommand(ClusterCommands.CheckName, "Check", context => ClusterCommands.CheckAsync(cluster, context.CancellationToken), new CommandOptions
            {
                Description = "Verifies the cluster with read-only commands on every node and shows what each reports.",
                IconName = "CheckmarkCircle",
                UpdateState = context => IsRunning(context.ResourceSnapshot) ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
            })
            .WithCommand(ClusterCommands.RepairName, "Repair", context => ClusterCommands.RepairAsync(cluster, context.Services, context.CancellationToken), new CommandOptions
            {
                Description = "Runs one reconcile round of the cluster's administrator (ClusterInit): it repairs what it safely can and never resets or flushes a node.",
                IconName = "Wrench",
                ConfirmationMessage = $"Run one repair round of {name}? ClusterInit changes only what it can change without losing data, and logs every command.",
                UpdateState = context => IsRunning(context.ResourceSnapshot) ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
            })
            .WithCommand(ClusterCommands.TakeoverName, "Take over lost shards", context => ClusterCommands.TakeoverAsync(cluster, context.Services, context.CancellationToken), new CommandOptions
            {
                Description = "Repair, and for every shard whose master is down and whose surviving replica Redis will not promote, promote the most up-to-date replica (CLUSTER FAILOVER TAKEOVER).",
                IconName = "ArrowSwap",
                ConfirmationMessage = $"Take over the lost shards of {name}? For each shard whose master is down, its most up-to-date surviving replica becomes the master: "
                    + "writes the old master accepted after that replica's last update are lost. Do this only when the old master is really gone (not just unreachable); "
                    + "if it comes back, it rejoins as a replica. The cluster's Check command and cluster-init's log show what survives first.",
                UpdateState = context => IsRunning(context.ResourceSnapshot) ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
            });

        for (var i = 0; i < options.NodeCount; i++)
        {
            var node = new RedisNode(
                i, NodeName(name, i), host, options.BasePort + i, options.BasePort + i + RedisClusterResource.BusPortOffset, Path.Combine(stateDirectory, NodeName(name, i)));
            if (runtime == RedisNodeRuntime.Container)
            {
                AddContainerNode(builder, cluster, node);
            }
            else
            {
                AddNode(builder, cluster, node, redisServer);
            }
        }

        if (builder.ExecutionContext.IsRunMode)
        {
            SubscribeLifecycle(builder, cluster);
        }

        return clusterBuilder;
    }

    /// <summary>The resource name of node <paramref name="index"/> of cluster <paramref name="cluster"/>: <c>cache-0</c>, …</summary>
    public static string NodeName(string cluster, int index) => string.Create(CultureInfo.InvariantCulture, $"{cluster}-{index}");

    private static void AddNode(IDistributedApplicationBuilder builder, RedisClusterResource cluster, RedisNode node, string redisServer)
    {
        var resource = new RedisClusterNodeResource(node, redisServer, cluster);
        var scheme = cluster.Options.Tls ? "rediss" : "redis";
        var nodeBuilder = builder.AddResource(resource)
            // The config path is the only argument: passwords live in the 0600 redis.conf, never on a command line.
            .WithArgs(node.ConfigPath)
            .WithEndpoint(RedisClusterNodeResource.ClientEndpointName, e => Fixed(e, node.Host, node.Port, scheme))
            .WithEndpoint(RedisClusterNodeResource.BusEndpointName, e => Fixed(e, node.Host, node.BusPort, "tcp"));
        AddNodeCommon(builder, cluster, resource);
        if (builder.ExecutionContext.IsPublishMode)
        {
            NodePublishing.Configure(nodeBuilder);
        }
    }

    private static void AddContainerNode(IDistributedApplicationBuilder builder, RedisClusterResource cluster, RedisNode node) =>
        AddNodeCommon(builder, cluster, Containers.ContainerNodes.Add(builder, cluster, node, cluster.Options.ContainerImage, Fixed));

    // What every node has, whatever runs it: a place under its cluster, an icon and a PING health check.
    private static void AddNodeCommon(IDistributedApplicationBuilder builder, RedisClusterResource cluster, IRedisClusterNodeResource resource)
    {
        cluster.AddNode(resource);
        var healthKey = $"{resource.Name}_ping";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthKey, _ => new RedisNodeHealthCheck(resource), HealthStatus.Unhealthy, tags: null));
        builder.CreateResourceBuilder(resource)
            .WithParentRelationship(cluster)
            .WithIconName("Database")
            .WithHealthCheck(healthKey);
    }

    // Published nodes start with one password (requirepass and masterauth, written by the start script) and no
    // certificates: ACL users and TLS are run mode's. TLS is refused rather than published as plain text; with ACL
    // users asked for, the deployment carries the application password only and the connection string no user.
    private static void PreparePublishing(RedisClusterOptions options)
    {
        if (options.Tls)
        {
            throw new DistributedApplicationException(
                "Cluster:Tls: published deployments do not support TLS yet; publish with Cluster:Tls=false and terminate TLS in front of the nodes, or run the AppHost locally for TLS.");
        }

        options.Acl = false;
    }

    // auto: processes when redis-server is here (nothing between clients and nodes), else containers when a runtime is set.
    private static (RedisNodeRuntime Runtime, string Why, string RedisServer) ResolveRuntime(RedisClusterOptions options, bool runMode)
    {
        if (!runMode)
        {
            // Whatever runs the nodes locally, a deployment runs them as containers: NodePublishing writes their entries.
            return (RedisNodeRuntime.Process, "publish mode: the nodes are published as containers", "redis-server");
        }

        switch (options.Runtime)
        {
            case RedisNodeRuntime.Process:
                return (RedisNodeRuntime.Process, "AppHost:Runtime=process", RedisServerLocator.Find(options.RedisServerPath));
            case RedisNodeRuntime.Container:
                return (RedisNodeRuntime.Container, $"AppHost:Runtime=container; {Containers.ContainerNodes.RuntimeName(options)}: {options.ContainerRuntimeReason}", "");
            default:
                try
                {
                    var redisServer = RedisServerLocator.Find(options.RedisServerPath);
                    return (RedisNodeRuntime.Process, $"AppHost:Runtime=auto and {redisServer} is on this machine: processes need no container runtime and no NAT", redisServer);
                }
                catch (DistributedApplicationException) when (options.ContainerRuntime.Length > 0)
                {
                    return (RedisNodeRuntime.Container, $"AppHost:Runtime=auto and redis-server is not on this machine; {Containers.ContainerNodes.RuntimeName(options)}: {options.ContainerRuntimeReason}", "");
                }
        }
    }

    // Proxyless with port == target port: the node binds and announces exactly this address, so MOVED redirections,
    // the cluster bus and replication all point where clients and peers can connect. A proxy would remap the port.
    private static void Fixed(EndpointAnnotation endpoint, string host, int port, string scheme)
    {
        endpoint.Port = port;
        endpoint.TargetPort = port;
        endpoint.IsProxied = false;
        endpoint.TargetHost = host;
        endpoint.UriScheme = scheme;
    }

    private static void AddPasswordParameters(IDistributedApplicationBuilder builder, RedisClusterResource cluster)
    {
        var name = cluster.Name;
        cluster.PasswordParameter = builder.AddParameter($"{name}-password", new StateFolderPasswordDefault(cluster.Session, RedisAcl.ApplicationUser), secret: true).Resource;
        if (!cluster.Options.Acl)
        {
            cluster.AdminPasswordParameter = cluster.PasswordParameter;
            return;
        }

        cluster.AdminPasswordParameter = builder.AddParameter($"{name}-admin-password", new StateFolderPasswordDefault(cluster.Session, RedisAcl.AdminUser), secret: true).Resource;
        cluster.ReplicationPasswordParameter = builder.AddParameter($"{name}-replication-password", new StateFolderPasswordDefault(cluster.Session, RedisAcl.ReplicationUser), secret: true).Resource;
    }

    private static void SubscribeLifecycle(IDistributedApplicationBuilder builder, RedisClusterResource cluster)
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OrderedShutdown>());
        builder.Eventing.Subscribe<BeforeStartEvent>(async (e, cancellationToken) =>
        {
            var services = e.Services;
            services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(cluster.Session.Dispose);
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger($"{typeof(RedisClusterResource).Namespace}.{cluster.Name}");
            ClusterStartup.LogRuntime(logger, cluster);
            await ClusterStartup.PrepareAsync(cluster, logger, cancellationToken).ConfigureAwait(false);
            TrustClusterCa(e.Model, cluster);
        });

        builder.Eventing.Subscribe<InitializeResourceEvent>(cluster, (e, cancellationToken) =>
        {
            var services = e.Services;
            var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            var console = services.GetRequiredService<ILoggerFactory>().CreateLogger($"{typeof(RedisClusterResource).Namespace}.{cluster.Name}");
            _ = new ClusterMonitor(cluster, e.Notifications, e.Logger, console).RunAsync(stopping);
            var logger = new TeeLogger(e.Logger, console);
            var supervisor = new FailoverSupervisor(cluster, e.Notifications, logger);
            _ = supervisor.WatchAsync(stopping);
            _ = new NodeExitReporter(cluster, e.Notifications, logger, supervisor).RunAsync(stopping);
            return Task.CompletedTask;
        });
    }

    // A client of a TLS cluster must trust the development CA: every resource that references the cluster gets its path.
    private static void TrustClusterCa(DistributedApplicationModel model, RedisClusterResource cluster)
    {
        if (cluster.TlsCaPath is not { } caPath)
        {
            return;
        }

        foreach (var resource in model.Resources.OfType<IResourceWithEnvironment>())
        {
            if (resource.Annotations.OfType<ResourceRelationshipAnnotation>().Any(r => r.Resource == cluster && r.Type == "Reference"))
            {
                resource.Annotations.Add(new EnvironmentCallbackAnnotation(context => context.EnvironmentVariables["Redis__TlsCaFile"] = caPath));
            }
        }
    }

    private static bool IsRunning(CustomResourceSnapshot snapshot) => snapshot.State?.Text == KnownResourceStates.Running;
}
