namespace RedisAspire.Cluster.Failover;

/// <summary>What a supervised promotion did.</summary>
/// <param name="Promoted">True when a replica serves the dead master's slots and reports <c>cluster_state:ok</c>.</param>
/// <param name="NewMaster">The replica now serving the slots, when promoted.</param>
/// <param name="Message">What was done and why, or why nothing was done, for a person.</param>
/// <param name="Elapsed">From the start of the promotion to its confirmation (or to the decision not to act).</param>
public sealed record PromotionOutcome(bool Promoted, string? NewMaster, string Message, TimeSpan Elapsed);
