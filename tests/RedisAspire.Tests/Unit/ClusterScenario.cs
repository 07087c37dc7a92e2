using System.Globalization;
using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Resp;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.Tests.Unit;

/// <summary>
/// What six nodes (<c>redis-0</c>…<c>redis-5</c> on 127.0.0.1:7000…7005; 0–2 masters, 3–5 their replicas)
/// would answer to CLUSTER NODES, CLUSTER INFO and INFO replication. A test edits the replies, then takes
/// <see cref="Snapshots"/>; nothing connects anywhere (an admin connection only connects on its first command).
/// </summary>
internal sealed class ClusterScenario
{
    public const int NodeCount = 6;

    private static readonly string[] MasterSlots = ["0-5460", "5461-10922", "10923-16383"];

    private ClusterScenario()
    {
        for (var viewer = 0; viewer < NodeCount; viewer++)
        {
            ClusterNodes[viewer] = string.Concat(Enumerable.Range(0, NodeCount).Select(i => Line(i, myself: i == viewer) + "\n"));
            ClusterInfo[viewer] = "cluster_enabled:1\r\ncluster_state:ok\r\ncluster_slots_assigned:16384\r\ncluster_known_nodes:6\r\ncluster_size:3\r\n";
            Replication[viewer] = viewer < 3
                ? "# Replication\r\nrole:master\r\nconnected_slaves:1\r\n"
                : $"# Replication\r\nrole:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:{Port(viewer - 3)}\r\nmaster_link_status:up\r\n";
        }
    }

    /// <summary>CLUSTER NODES as each node answers it.</summary>
    public string[] ClusterNodes { get; } = new string[NodeCount];

    /// <summary>CLUSTER INFO as each node answers it.</summary>
    public string[] ClusterInfo { get; } = new string[NodeCount];

    /// <summary>INFO replication as each node answers it.</summary>
    public string[] Replication { get; } = new string[NodeCount];

    /// <summary>INFO stats as each node answers it; empty unless a test sets it.</summary>
    public string[] Stats { get; } = [.. Enumerable.Repeat("# Stats\r\n", NodeCount)];

    /// <summary>A formed, healthy cluster: every node agrees, every replica is in sync.</summary>
    public static ClusterScenario Ready() => new();

    /// <summary>Node IDs a…a, b…b, …, f…f: valid 40-character hex IDs that are easy to read in a failure.</summary>
    public static string Id(int index) => new((char)('a' + index), 40);

    public static string Name(int index) => $"redis-{index.ToString(CultureInfo.InvariantCulture)}";

    public static NodeEndpoint Endpoint(int index) => new("127.0.0.1", 7000 + index);

    /// <summary><c>redis-0 (127.0.0.1:7000)</c>, as problems name a node.</summary>
    public static string Display(int index) => $"{Name(index)} ({Endpoint(index)})";

    /// <summary>The line node <paramref name="index"/> has in a healthy CLUSTER NODES reply.</summary>
    public static string Line(int index, bool myself)
    {
        var master = index < 3 ? index : index - 3;
        var role = (myself ? "myself," : "") + (index < 3 ? "master" : "slave");
        var masterId = index < 3 ? "-" : Id(master);
        var slots = index < 3 ? " " + MasterSlots[index] : "";
        return $"{Id(index)} 127.0.0.1:{Port(index)}@{Port(index) + 10000} {role} {masterId} 0 1700000000{index} {master + 1} connected{slots}";
    }

    public static ManagedNode Node(int index) =>
        new(index, Name(index), Endpoint(index), Port(index) + 10000, null, new RedisAdminConnection(Name(index), Endpoint(index), null, TimeSpan.FromSeconds(1)));

    /// <summary>Replaces text in one node's CLUSTER NODES reply, failing if the text is not there.</summary>
    public ClusterScenario EditClusterNodes(int viewer, string oldText, string newText)
    {
        Assert.Contains(oldText, ClusterNodes[viewer], StringComparison.Ordinal);
        ClusterNodes[viewer] = ClusterNodes[viewer].Replace(oldText, newText, StringComparison.Ordinal);
        return this;
    }

    /// <summary>Replaces text in every node's CLUSTER NODES reply.</summary>
    public ClusterScenario EditAllClusterNodes(string oldText, string newText)
    {
        for (var viewer = 0; viewer < NodeCount; viewer++)
        {
            EditClusterNodes(viewer, oldText, newText);
        }

        return this;
    }

    public IReadOnlyList<NodeSnapshot> Snapshots() =>
        [.. Enumerable.Range(0, NodeCount).Select(i => Snapshot(i))];

    public NodeSnapshot Snapshot(int index) => new()
    {
        Node = Node(index),
        ClusterEnabled = true,
        KeyCount = 0,
        View = ClusterNodesParser.Parse(ClusterNodes[index]),
        ClusterInfo = InfoParser.Parse(ClusterInfo[index]),
        Replication = InfoParser.Parse(Replication[index]),
        Stats = InfoParser.Parse(Stats[index]),
    };

    private static int Port(int index) => 7000 + index;
}
