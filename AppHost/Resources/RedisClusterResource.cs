using System.Security.Cryptography.X509Certificates;
using RedisAspire.AppHost.Containers;
using RedisAspire.AppHost.Options;
using RedisAspire.AppHost.Processes;
using RedisAspire.AppHost.Redis;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.AppHost.Resources;

/// <summary>
/// The Redis cluster resource (e.g. <c>cache</c>): its nodes <c>redis-0</c> … and the connection string clients get
/// as <c>ConnectionStrings:&lt;name&gt;</c>. Nodes and password are known once the start has prepared them (before any process runs).
/// </summary>
public sealed class RedisClusterResource
{
    private IReadOnlyList<RedisNode>? _nodes;
    private ClusterCredentials? _credentials;

    internal RedisClusterResource(string name) => Name = name;

    public string Name { get; }

    /// <summary>The nodes, in index order.</summary>
    public IReadOnlyList<RedisNode> Nodes => _nodes ?? throw NotStarted();

    /// <summary>
    /// The password of the <c>default</c> user, the application's (from <c>Cluster:Password</c> or the state
    /// directory); what the connection string carries. Never log it.
    /// </summary>
    public string Password => Credentials.DefaultPassword;

    /// <summary>Every user's password (admin and replication with <c>Cluster:Acl</c>). Never log them.</summary>
    public ClusterCredentials Credentials => _credentials ?? throw NotStarted();

    /// <summary>StackExchange.Redis connection string with the real password, for clients and tests.</summary>
    public string ConnectionString => RedisConnectionString.Build(Nodes, Password, TlsCaPath is not null);

    /// <summary>The same connection string with the password masked, safe to print.</summary>
    public string MaskedConnectionString => RedisConnectionString.BuildMasked(Nodes, Password, TlsCaPath is not null);

    /// <summary>How the nodes run (<see cref="AppHostRuntime.Process"/> or <see cref="AppHostRuntime.Container"/>), once the start has chosen.</summary>
    public AppHostRuntime Runtime => _nodes is null ? throw NotStarted() : Containers is null ? AppHostRuntime.Process : AppHostRuntime.Container;

    /// <summary>
    /// Container mode: the runtime, the application id every container and network carries as
    /// <see cref="ContainerLabels.App"/>, the network and each node's container; null in process mode.
    /// </summary>
    public ContainerDeployment? Containers { get; internal set; }

    /// <summary>With <c>Cluster:Tls</c>: the development CA the nodes' certificates chain to, once generated; else null.</summary>
    public X509Certificate2? TlsCa { get; internal set; }

    /// <summary>With <c>Cluster:Tls</c>: the CA certificate's file, which clients validate the nodes against; else null.</summary>
    public string? TlsCaPath { get; internal set; }

    /// <summary>The node processes, once started; cluster-init watches them.</summary>
    internal IReadOnlyList<ChildProcess> Processes { get; set; } = [];

    internal void SetNodes(IReadOnlyList<RedisNode> nodes, ClusterCredentials credentials)
    {
        _nodes = nodes;
        _credentials = credentials;
    }

    private InvalidOperationException NotStarted() =>
        new($"The nodes of '{Name}' are known once DistributedApp.StartAsync has prepared them.");
}
