using Microsoft.Extensions.Logging;

namespace RedisAspire.ClusterInit;

/// <summary>ClusterInit's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Waiting for {Count} nodes to answer PING")]
    public static partial void WaitingForNodes(ILogger logger, int count);

    [LoggerMessage(2, LogLevel.Information, "{Node} answered PING after {ElapsedMs} ms")]
    public static partial void NodeAnswered(ILogger logger, string node, long elapsedMs);

    [LoggerMessage(3, LogLevel.Information, "{State}")]
    public static partial void NodeState(ILogger logger, string state);

    [LoggerMessage(4, LogLevel.Information, "All {Count} nodes are empty and alone: forming a new cluster of {Masters} masters with {Replicas} replica(s) each")]
    public static partial void Forming(ILogger logger, int count, int masters, int replicas);

    [LoggerMessage(5, LogLevel.Information, "Plan: {Action}")]
    public static partial void PlanAction(ILogger logger, string action);

    [LoggerMessage(6, LogLevel.Warning, "Plan: {Warning}")]
    public static partial void PlanWarning(ILogger logger, string warning);

    [LoggerMessage(7, LogLevel.Information, "{Node}: CLUSTER ADDSLOTSRANGE {Range}")]
    public static partial void AssigningSlots(ILogger logger, string node, string range);

    [LoggerMessage(8, LogLevel.Information, "{Count} nodes completed the cluster-bus handshake in {ElapsedMs} ms")]
    public static partial void MeetCompleted(ILogger logger, int count, long elapsedMs);

    [LoggerMessage(9, LogLevel.Information, "{Replica}: CLUSTER REPLICATE {Master}")]
    public static partial void Replicating(ILogger logger, string replica, string master);


    [LoggerMessage(11, LogLevel.Information, "Cluster is ready after {ElapsedMs} ms\n{Table}")]
    public static partial void Ready(ILogger logger, long elapsedMs, string table);

    [LoggerMessage(12, LogLevel.Error, "{Message}")]
    public static partial void Failed(ILogger logger, string message);

    [LoggerMessage(13, LogLevel.Critical, "ClusterInit failed unexpectedly")]
    public static partial void Crashed(ILogger logger, Exception exception);

    [LoggerMessage(14, LogLevel.Information, "Repair plan ({Phase}): {Action}")]
    public static partial void RepairAction(ILogger logger, string phase, string action);

    [LoggerMessage(15, LogLevel.Information, "{Node}: nothing to do ({Reply})")]
    public static partial void RepairActionSkipped(ILogger logger, string node, string reply);

    [LoggerMessage(16, LogLevel.Information, "Not every node is empty and alone: checking the cluster and repairing what is safe to repair")]
    public static partial void Reconciling(ILogger logger);

    [LoggerMessage(17, LogLevel.Information, "Watching the cluster every {Interval}")]
    public static partial void Watching(ILogger logger, TimeSpan interval);

    [LoggerMessage(18, LogLevel.Warning, "Stopped before the cluster was Ready; the next run continues from the cluster's current state")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(22, LogLevel.Debug, "Not Ready after {ElapsedMs} ms: {LastSeen}")]
    public static partial void NotReadyYet(ILogger logger, long elapsedMs, string lastSeen);

    [LoggerMessage(19, LogLevel.Information, "{Node}: cluster-node-timeout lowered from {Original} ms to {Value} ms while the cluster forms")]
    public static partial void NodeTimeoutLowered(ILogger logger, string node, string original, string value);

    [LoggerMessage(20, LogLevel.Information, "{Node}: cluster-node-timeout set back to {Original} ms")]
    public static partial void NodeTimeoutRestored(ILogger logger, string node, string original);

    [LoggerMessage(21, LogLevel.Warning, "{Node}: cluster-node-timeout kept during formation, CONFIG was refused ({Error}); the cluster forms, only slower")]
    public static partial void NodeTimeoutKept(ILogger logger, string node, string error);

    [LoggerMessage(23, LogLevel.Warning, "{Report}")]
    public static partial void ShardReport(ILogger logger, string report);

    [LoggerMessage(24, LogLevel.Information, "Takeover (Cluster:Takeover={Request}): {Node}: CLUSTER FAILOVER TAKEOVER — {Reason}")]
    public static partial void TakingOver(ILogger logger, string request, string node, string reason);

    [LoggerMessage(25, LogLevel.Warning, "{Note}")]
    public static partial void TakeoverNote(ILogger logger, string note);

    [LoggerMessage(26, LogLevel.Warning, "Every slot is served again after {ElapsedMs} ms, but the cluster is not Ready while {Down} {Verb} down. {Advice}\n{Table}")]
    public static partial void ServingWithoutDownNodes(ILogger logger, long elapsedMs, string down, string verb, string advice, string table);

    [LoggerMessage(27, LogLevel.Information, "{Nodes} {Verb} not answer, and every reachable node that lists them flags them failed: judging the cluster without them")]
    public static partial void JudgingWithout(ILogger logger, string nodes, string verb);

    [LoggerMessage(28, LogLevel.Information, "Cluster:Takeover={Request}: every node answers, so no shard is lost and nothing is taken over")]
    public static partial void TakeoverNotNeeded(ILogger logger, string request);
}
