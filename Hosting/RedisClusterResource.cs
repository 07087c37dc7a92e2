using Aspire.Hosting.ApplicationModel;
using RedisAspire.Hosting.Configuration;
using RedisAspire.Hosting.Lifecycle;

namespace RedisAspire.Hosting;

/// <summary>
/// A Redis Cluster: <see cref="RedisClusterOptions.Masters"/> × (1 + <see cref="RedisClusterOptions.ReplicasPerMaster"/>)
/// node resources (its children) formed into one cluster. Healthy exactly when the cluster is Ready: all 16384 slots
/// covered, every node agreeing on the node set and slot map, no slot migrating or importing, <c>cluster_state:ok</c>
/// everywhere, every master with its replicas and every replica's link up. Its connection string lists every node
/// (StackExchange.Redis format) with the application user and its password.
/// </summary>
public sealed class RedisClusterResource : Resource, IResourceWithConnectionString
{
    /// <summary>Distance between a node's client port and its cluster bus port (Redis' default).</summary>
    public const int BusPortOffset = 10000;

    private readonly List<IRedisClusterNodeResource> _nodes = [];

    internal RedisClusterResource(string name, RedisClusterOptions options, string stateDirectory)
        : base(name)
    {
        Options = options;
        StateDirectory = stateDirectory;
        Session = new ClusterSession(this);
    }

    /// <summary>How the nodes run: <see cref="RedisNodeRuntime.Process"/> or <see cref="RedisNodeRuntime.Container"/> (auto resolved).</summary>
    public RedisNodeRuntime Runtime { get; internal init; } = RedisNodeRuntime.Process;

    /// <summary>Why <see cref="Runtime"/> was chosen (logged at start).</summary>
    public string RuntimeReason { get; internal init; } = "";

    /// <summary>The validated options the cluster was declared with.</summary>
    public RedisClusterOptions Options { get; }

    /// <summary>Absolute state folder: one sub-folder per node, the generated passwords and the lock.</summary>
    public string StateDirectory { get; }

    /// <summary>The nodes, in index order.</summary>
    public IReadOnlyList<IRedisClusterNodeResource> Nodes => _nodes;

    /// <summary>The application user's password (what the connection string carries).</summary>
    public ParameterResource PasswordParameter { get; internal set; } = null!;

    /// <summary>
    /// The password cluster administration authenticates with: the <c>admin</c> user's with ACL users, else the
    /// nodes' only password (<see cref="PasswordParameter"/>).
    /// </summary>
    public ParameterResource AdminPasswordParameter { get; internal set; } = null!;

    /// <summary>The <c>replication</c> user's password replicas authenticate to their master with; null without ACL users.</summary>
    public ParameterResource? ReplicationPasswordParameter { get; internal set; }

    /// <summary>
    /// In a deployment (publish mode): the address every node announces, where its ports are published; asked for when
    /// the deployment is made, never guessed. Null in run mode, where the nodes announce <see cref="RedisClusterOptions.AnnounceIp"/>.
    /// </summary>
    public ParameterResource? AnnounceIpParameter { get; internal set; }

    /// <summary>The ACL user administration authenticates as, or null when the nodes have one password (ACL off).</summary>
    public string? AdminUser => Options.Acl ? RedisAcl.AdminUser : null;

    /// <summary>The development CA's certificate file clients validate the nodes against when <see cref="RedisClusterOptions.Tls"/> is on.</summary>
    public string? TlsCaPath => Options.Tls ? Tls.DevelopmentCertificates.CaCertificatePath(StateDirectory) : null;

    /// <summary>
    /// <c>host:port,host:port,…,user=app,password=…</c> over every node's client endpoint (no <c>user</c> with ACL off),
    /// <c>ssl=true</c> with TLS.
    /// </summary>
    public ReferenceExpression ConnectionStringExpression
    {
        get
        {
            var builder = new ReferenceExpressionBuilder();
            foreach (var node in _nodes)
            {
                if (!builder.IsEmpty)
                {
                    builder.AppendLiteral(",");
                }

                builder.Append($"{node.AnnouncedEndpoint}");
            }

            if (Options.Acl)
            {
                builder.AppendLiteral($",user={RedisAcl.ApplicationUser}");
            }

            builder.Append($",password={PasswordParameter}");
            if (Options.Tls)
            {
                builder.AppendLiteral(",ssl=true");
            }

            return builder.Build();
        }
    }

    /// <summary>What the running AppHost holds for this cluster: the state-folder lock, the loaded credentials, the readiness verdict.</summary>
    internal ClusterSession Session { get; }

    /// <summary>The resource that forms and repairs the cluster (set by <c>WithClusterAdministration</c>); the Repair command runs it.</summary>
    public IResource? Administrator { get; internal set; }

    /// <summary>
    /// Set by the Take over command for the administrator's next run only: the slots whose lost shard it may recover by
    /// promoting the best surviving replica (ClusterInit's <c>Cluster:Takeover</c>); null for a normal run.
    /// </summary>
    internal string? PendingTakeover { get; set; }

    internal void AddNode(IRedisClusterNodeResource node) => _nodes.Add(node);
}
