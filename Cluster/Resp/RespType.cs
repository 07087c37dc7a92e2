namespace RedisAspire.Cluster.Resp;

/// <summary>The RESP2 reply kinds the admin connection understands.</summary>
public enum RespType
{
    SimpleString,
    Error,
    Integer,
    BulkString,
    Array,
    Null,
}
