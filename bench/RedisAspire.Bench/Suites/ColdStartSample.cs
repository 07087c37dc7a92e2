using RedisAspire.Bench.Aspire;

namespace RedisAspire.Bench.Suites;

/// <summary>
/// One cold start of the product AppHost, in seconds from its start: the dashboard's login line; <c>cache</c> Healthy
/// (AppHost's <c>cache: Ready</c> line) and when the benchmark had confirmed Ready on every node itself; sample-api
/// Healthy (<c>/health</c> 200 on its port); its stop; the run's peak memory and how many processes of each kind it had;
/// from the start times in /proc, when the first node, ClusterInit and SampleApi (and any <c>dotnet run</c> launcher,
/// none expected) were started (seconds from the AppHost's process start; <see langword="null"/> when not seen); and
/// which kind of process started cluster-init and sample-api.
/// </summary>
public sealed record ColdStartSample(
    double DashboardSeconds,
    double CacheHealthySeconds,
    double CacheConfirmedSeconds,
    double SampleApiHealthySeconds,
    StopSample Stop,
    RunMemory Memory,
    string Census,
    IReadOnlyDictionary<ProcessKind, double?> Started,
    string Parents);
