using StackExchange.Redis;

namespace RedisAspire.SampleApi.Redis;

/// <summary>
/// Which failed commands may be sent again. During a failover the killed master's slots answer nothing until a replica
/// is promoted (node-timeout plus an election): commands to them fail fast with "no connection", and the cluster may
/// answer CLUSTERDOWN. StackExchange.Redis follows the new master by itself (MOVED from a live node) once it exists;
/// what it does not do is send a failed command again, so a request that arrives during the failover would fail
/// although the cluster serves it a moment later. These rules decide what is sent again within the retry budget.
/// </summary>
public static class RedisRetry
{
    /// <summary>
    /// The command certainly did not run: the cluster refused it before executing it (no master for the slot, slot
    /// moving, master down, loading, written to a replica), or the client never sent it.
    /// </summary>
    public static bool WasNotRun(Exception exception) => exception switch
    {
        RedisServerException server => IsRefusal(server.Message),
        RedisConnectionException connection => connection.CommandStatus is CommandStatus.WaitingToBeSent or CommandStatus.WaitingInBacklog,
        RedisTimeoutException timeout => timeout.Commandstatus is CommandStatus.WaitingToBeSent or CommandStatus.WaitingInBacklog,
        _ => false,
    };

    /// <summary>The command may or may not have run: its connection failed or it timed out after it was sent.</summary>
    public static bool MayHaveRun(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException && !WasNotRun(exception);

    private static bool IsRefusal(string message) =>
        message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal)
        || message.StartsWith("TRYAGAIN", StringComparison.Ordinal)
        || message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
        || message.StartsWith("LOADING", StringComparison.Ordinal)
        || message.StartsWith("READONLY", StringComparison.Ordinal);
}
