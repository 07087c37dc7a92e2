using RedisAspire.Cluster.Inspection;

namespace RedisAspire.ClusterInit.Waiting;

/// <summary>A configured node that did not answer PING in time, with the last error seen.</summary>
public sealed record UnreachableNode(ManagedNode Node, string LastError)
{
    /// <summary>The node and its last error, naming the node once even when the error already names it.</summary>
    public override string ToString() =>
        LastError.StartsWith(Node.Display, StringComparison.Ordinal) ? LastError : $"{Node.Display}: {LastError}";
}
