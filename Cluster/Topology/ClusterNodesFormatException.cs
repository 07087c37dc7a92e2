namespace RedisAspire.Cluster.Topology;

/// <summary>A CLUSTER NODES reply or nodes.conf line that does not follow Redis' format.</summary>
public sealed class ClusterNodesFormatException : FormatException
{
    public ClusterNodesFormatException(int lineNumber, string reason)
        : base($"line {lineNumber}: {reason}")
    {
        LineNumber = lineNumber;
        Reason = reason;
    }

    public int LineNumber { get; }

    public string Reason { get; }
}
