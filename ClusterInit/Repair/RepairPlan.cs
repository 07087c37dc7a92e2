namespace RedisAspire.ClusterInit.Repair;

/// <summary>
/// The next step towards Ready: actions to take now (one phase at a time, because each phase
/// changes what the next one sees), or blockers that make any change unsafe. Neither means the
/// cluster only needs time (or is already Ready).
/// </summary>
public sealed record RepairPlan(string Phase, IReadOnlyList<RepairAction> Actions, IReadOnlyList<string> Blockers)
{
    public static RepairPlan Blocked(IReadOnlyList<string> blockers) => new("blocked", [], blockers);

    public static RepairPlan Nothing { get; } = new("none", [], []);
}
