namespace RedisAspire.Cluster;

/// <summary>An expected failure: its message is the complete diagnostic for a person (no stack trace needed).</summary>
public sealed class ClusterException : Exception
{
    public ClusterException(string message)
        : base(message)
    {
    }

    public ClusterException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
