namespace RedisAspire.Bench.Suites;

/// <summary>One benchmark: a warm-up run, then <see cref="BenchOptions.Runs"/> measured runs, then its Markdown table.</summary>
public interface ISuite
{
    /// <summary>The name given on the command line, e.g. <c>formation</c>.</summary>
    string Name { get; }

    /// <summary>Runs the suite and returns its table (Markdown).</summary>
    Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken);
}
