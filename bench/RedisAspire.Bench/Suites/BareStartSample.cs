using RedisAspire.Bench.Aspire;

namespace RedisAspire.Bench.Suites;

/// <summary>
/// One start of the bare AppHost (Aspire with one <c>redis-server</c>), in seconds from its start: the dashboard's
/// login line, the node answering PING; its stop; the run's peak memory and how many processes of each kind it had;
/// and when its redis-server process was started (seconds from the AppHost's process start, from /proc).
/// </summary>
public sealed record BareStartSample(
    double DashboardSeconds, double PingSeconds, StopSample Stop, RunMemory Memory, string Census, double? RedisStartedSeconds);
