namespace RedisAspire.ClusterInit;

/// <summary>An expected failure: its message is the complete diagnostic for a person (no stack trace needed).</summary>
public sealed class ClusterInitException : Exception
{
    public ClusterInitException(string message)
        : base(message)
    {
    }

    public ClusterInitException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
