namespace RedisAspire.Tests.Infrastructure;

/// <summary>The RESP2 reply types <see cref="TestRedisClient"/> understands.</summary>
public enum RespReplyKind
{
    SimpleString,
    Error,
    Integer,
    BulkString,
    Array,
    Null,
}
