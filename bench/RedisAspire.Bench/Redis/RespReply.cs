namespace RedisAspire.Bench.Redis;

/// <summary>One RESP2 reply: a simple or bulk string, an integer, an array, an error or null.</summary>
public sealed record RespReply(string? Text, long Integer = 0, IReadOnlyList<RespReply>? Items = null, bool IsError = false)
{
    /// <summary>The reply as text; throws on a server error.</summary>
    public string AsText(string command) => IsError
        ? throw new InvalidOperationException($"{command} failed: {Text}")
        : Text ?? "";
}
