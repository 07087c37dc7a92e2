namespace RedisAspire.Bench.Suites;

/// <summary>
/// One kill of a master under writes in an AppHost run, in seconds. From the kill: the node's process stopped running
/// and was reaped by its parent (DCP); the AppHost logged the exit, its supervisor's "promoting" line and its
/// "… serves …" line (<see langword="null"/> without supervision); another master's CLUSTER NODES showed a new master for
/// the slots (server-side recovery); the first acknowledged write. The write outage runs from the last acknowledgement
/// before the node died to the first one after. <paramref name="ReportedPromotionMilliseconds"/> is the time the
/// supervisor's own line reports (from its start to the confirmed promotion).
/// </summary>
public sealed record SupervisedFailoverSample(
    bool Supervised,
    double ExitedSeconds,
    double ReapedSeconds,
    double ExitLineSeconds,
    double? PromotingLineSeconds,
    double? ServesLineSeconds,
    double? ReportedPromotionMilliseconds,
    double RecoverySeconds,
    double FirstAcknowledgedSeconds,
    double OutageSeconds,
    string Summary);
