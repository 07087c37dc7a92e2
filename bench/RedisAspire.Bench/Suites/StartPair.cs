namespace RedisAspire.Bench.Suites;

/// <summary>
/// One measured run of the cold-start and memory suites: the bare AppHost (baseline) and the product AppHost, one
/// after the other (never side by side), the order alternating with the run's index so neither always starts on a
/// machine still busy with the other's stop.
/// </summary>
public static class StartPair
{
    public static async Task<(BareStartSample Bare, ColdStartSample Product)> RunAsync(
        int index, TimeSpan lookInterval, bool measureMemory, TimeSpan settle, CancellationToken cancellationToken)
    {
        if (index % 2 == 0)
        {
            var bare = await BareStart.RunAsync(lookInterval, measureMemory, settle, cancellationToken);
            var product = await ColdStart.RunAsync(lookInterval, measureMemory, settle, cancellationToken);
            return (bare, product);
        }
        else
        {
            var product = await ColdStart.RunAsync(lookInterval, measureMemory, settle, cancellationToken);
            var bare = await BareStart.RunAsync(lookInterval, measureMemory, settle, cancellationToken);
            return (bare, product);
        }
    }
}
