namespace RedisAspire.ClusterInit.Waiting;

/// <summary>A bounded wait ran out; the message says what was awaited and what was last seen.</summary>
public sealed class PollTimeoutException : Exception
{
    public PollTimeoutException(string message)
        : base(message)
    {
    }
}
