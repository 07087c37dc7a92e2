namespace RedisAspire.Bench.Aspire;

/// <summary>
/// An AppHost's stop, in seconds from the SIGINT: until the AppHost process exited, and until no process of its run
/// (DCP, the nodes, the dashboard, cluster-init and sample-api) was left; <paramref name="LastToGo"/> names what
/// still ran at the last look before that.
/// </summary>
public sealed record StopSample(double ExitSeconds, double AllGoneSeconds, string LastToGo);
