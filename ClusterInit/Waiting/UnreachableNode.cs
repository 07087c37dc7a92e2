using RedisAspire.ClusterInit.Inspection;

namespace RedisAspire.ClusterInit.Waiting;

/// <summary>A configured node that did not answer PING in time, with the last error seen.</summary>
public sealed record UnreachableNode(ManagedNode Node, string LastError)
{
    public override string ToString() => $"{Node.Display}: {LastError}";
}
