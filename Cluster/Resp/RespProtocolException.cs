namespace RedisAspire.Cluster.Resp;

/// <summary>The peer sent bytes that are not a valid RESP2 reply, or stopped mid-reply.</summary>
public sealed class RespProtocolException : Exception
{
    public RespProtocolException(string message)
        : base(message)
    {
    }

    public RespProtocolException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
