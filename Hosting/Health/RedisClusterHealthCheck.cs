using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RedisAspire.Hosting.Health;

/// <summary>
/// The cluster resource's health: Healthy exactly when the latest readiness check (<see cref="ClusterMonitor"/>, real
/// commands on every node) found the cluster Ready; its description is the verdict's summary. While the cluster is not
/// Ready the check waits (up to <see cref="LongestWait"/>) for the monitor's next verdicts, so the moment the cluster
/// becomes Ready is reported at once rather than at Aspire's next, backed-off health check round.
/// </summary>
internal sealed class RedisClusterHealthCheck(RedisClusterResource cluster) : IHealthCheck
{
    /// <summary>How long one check may wait for the cluster to become Ready before it reports it is not.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var session = cluster.Session;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(LongestWait);
        while (session.Verdict is not { IsReady: true } && !wait.IsCancellationRequested)
        {
            await session.NextVerdict.WaitAsync(wait.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return session.Verdict is { } verdict
            ? ToResult(verdict)
            : HealthCheckResult.Unhealthy("The cluster has not been checked yet: its nodes are starting.");
    }

    public static HealthCheckResult ToResult(ClusterVerdict verdict) =>
        verdict.IsReady ? HealthCheckResult.Healthy(verdict.Summary) : HealthCheckResult.Unhealthy(verdict.Summary);
}
