namespace RedisAspire.Tests.Infrastructure;

/// <summary>How a <see cref="FakeRedisServer"/> misbehaves after it receives the first command of a connection.</summary>
public enum FakeRedisBehavior
{
    /// <summary>Answers with text that is not RESP (an HTTP response).</summary>
    Garbage,

    /// <summary>Starts a bulk reply, sends part of it and closes the connection.</summary>
    StopsMidReply,

    /// <summary>Accepts the connection and never answers.</summary>
    Silent,

    /// <summary>Sends a bulk length header of 2^63-1 bytes and nothing after it.</summary>
    EnormousLength,
}
