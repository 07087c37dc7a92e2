using System.Diagnostics;

namespace RedisAspire.Bench.Suites;

/// <summary>Runs one warm-up and then the measured runs, reporting progress on stderr.</summary>
public static class Runs
{
    /// <summary>Calls <paramref name="run"/> with index 0 for the warm-up (not to be recorded) and 1..<paramref name="runs"/>.</summary>
    public static async Task RepeatAsync(string suite, int runs, Func<int, Task> run, CancellationToken cancellationToken)
    {
        for (var index = 0; index <= runs; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var label = index == 0 ? "warm-up" : $"run {index}/{runs}";
            var stopwatch = Stopwatch.StartNew();
            Console.Error.WriteLine($"[{suite}] {label} …");
            await run(index);
            Console.Error.WriteLine($"[{suite}] {label} done in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        }
    }
}
