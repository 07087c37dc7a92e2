using StackExchange.Redis;

namespace RedisAspire.SampleApi.Redis;

/// <summary>What a failed command means for the caller.</summary>
public enum RedisFailureKind
{
    /// <summary>Not a failure this client recovers from (bad command, wrong type…): surface it.</summary>
    Fatal,

    /// <summary>The command was not executed and the cluster is settling (CLUSTERDOWN, TRYAGAIN, LOADING): retry as is.</summary>
    RetryLater,

    /// <summary>
    /// The command was not executed because this multiplexer's view is stale: writes routed to a
    /// promoted replica's old role ("cannot be issued to a slave", READONLY), or the slot's owner
    /// is a node the client cannot reach ("not reachable at this point of time", "No connection"). StackExchange.Redis 1.2.6 never recovers from this by itself; a new multiplexer does.
    /// </summary>
    Reconnect,

    /// <summary>The connection failed or timed out mid-command: it may have run, so only idempotent commands retry.</summary>
    Uncertain,
}

/// <summary>Classifies StackExchange.Redis exceptions.</summary>
public static class RedisFailure
{
    public static RedisFailureKind Classify(Exception exception)
    {
        var message = exception.Message;
        return exception switch
        {
            RedisCommandException or RedisConnectionException when message.Contains("cannot be issued to a slave", StringComparison.OrdinalIgnoreCase)
                => RedisFailureKind.Reconnect,
            RedisConnectionException when message.StartsWith("No connection is available", StringComparison.Ordinal)
                => RedisFailureKind.Reconnect,
            RedisServerException when message.StartsWith("READONLY", StringComparison.Ordinal)
                || message.Contains("is not reachable at this point of time", StringComparison.Ordinal)
                => RedisFailureKind.Reconnect,
            RedisServerException when message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal)
                || message.StartsWith("TRYAGAIN", StringComparison.Ordinal)
                || message.StartsWith("LOADING", StringComparison.Ordinal)
                || message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
                => RedisFailureKind.RetryLater,
            RedisConnectionException or RedisTimeoutException or TimeoutException
                => RedisFailureKind.Uncertain,
            _ => RedisFailureKind.Fatal,
        };
    }
}
