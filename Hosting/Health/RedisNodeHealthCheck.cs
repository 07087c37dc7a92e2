using RedisAspire.Cluster.Resp;
using RedisAspire.Cluster.Topology;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RedisAspire.Hosting.Health;

/// <summary>
/// A node is healthy when it accepts the administrator's AUTH and answers PING with PONG; a node still loading its
/// AOF answers <c>-LOADING</c> and is not.
/// </summary>
internal sealed class RedisNodeHealthCheck(IRedisClusterNodeResource node) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var cluster = node.Cluster;
        if (cluster.Session.Credentials is not { } credentials)
        {
            return HealthCheckResult.Unhealthy("The node's configuration has not been written yet.");
        }

        var tls = cluster.TlsCaPath is { } ca ? TlsClientSettings.FromCaFile(ca) : null;
        await using var connection = new RedisAdminConnection(
            node.Name, NodeEndpoint.Parse(node.Node.Endpoint), credentials.AdminUser, credentials.AdminAuthPassword, cluster.Options.CommandTimeout, tls);
        try
        {
            var reply = await connection.ExecuteTextAsync(cancellationToken, "PING").ConfigureAwait(false);
            return reply == "PONG"
                ? HealthCheckResult.Healthy($"{connection.Display} answers PING")
                : HealthCheckResult.Unhealthy($"{connection.Display} answered PING with '{reply}'");
        }
        catch (Exception ex) when (ClusterProbe.IsNodeFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
