namespace RedisAspire.Bench.Reporting;

/// <summary>
/// One printed row: a measurement, optionally the baseline it is compared with (ratio and difference of medians), and
/// the goal it is held to. <paramref name="Goal"/> receives the row's and the baseline's medians.
/// </summary>
public sealed record TableRow(
    Measurement Measurement,
    Measurement? Baseline = null,
    string GoalText = "",
    Func<double, double?, bool>? Goal = null);
