namespace RedisAspire.SampleApi.Redis;

/// <summary>How the API talks to the cluster; bound from the <c>Redis</c> section.</summary>
public sealed class RedisClientOptions
{
    public const string SectionName = "Redis";

    /// <summary>Name of the connection string (<c>ConnectionStrings:{name}</c>).</summary>
    public string ConnectionName { get; set; } = "cache";

    /// <summary>How long one API call may keep retrying a command through a failover before it fails.</summary>
    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause between two attempts of the same command.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Fewest time between two rebuilds of the multiplexer when no live node shows that the cluster changed (a rebuild
    /// because a live node shows a new master for a slot waits at most <see cref="OwnerCheckInterval"/>).
    /// </summary>
    public TimeSpan MinReconnectInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a replaced multiplexer stays open so commands already sent on it can finish.</summary>
    public TimeSpan ReplacedConnectionGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Connect timeout of the first multiplexer.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Connect timeout of a rebuilt multiplexer. It learns every node from CLUSTER NODES, including the one that died,
    /// and waits this long for it; the live nodes answer within milliseconds and any node still connecting is
    /// connected in the background.
    /// </summary>
    public TimeSpan RebuildConnectTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long one live node's answer to "who serves this slot now" is shared by retrying requests.</summary>
    public TimeSpan OwnerCheckInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// With <c>ssl=true</c> in the connection string: PEM file of the CA the nodes' certificates must chain to (AppHost's
    /// development CA); only that CA is trusted, and each node's certificate must name its address. Empty: the
    /// machine's trust store.
    /// </summary>
    public string TlsCaFile { get; set; } = "";

    /// <summary>
    /// How long a rebuild waits for a TCP connection to each configured node before leaving it out of the new
    /// multiplexer's seeds, and how long asking a live node who serves a slot may take.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromMilliseconds(250);
}
