using System.Globalization;
using RedisAspire.Cluster.Inspection;

namespace RedisAspire.Hosting.Health;

/// <summary>One readiness check of the whole cluster: Ready or not, every problem found, and what each node reported.</summary>
/// <param name="IsReady">True when the cluster is Ready (see <see cref="RedisClusterResource"/>).</param>
/// <param name="Problems">Every problem found, each naming the node; empty when Ready.</param>
/// <param name="Snapshots">What each node that answered reported.</param>
/// <param name="CheckedAt">When the check ran.</param>
internal sealed record ClusterVerdict(bool IsReady, IReadOnlyList<string> Problems, IReadOnlyList<NodeSnapshot> Snapshots, DateTimeOffset CheckedAt)
{
    private const int ProblemsInSummary = 3;

    /// <summary>One line for the dashboard: the shape when Ready, else the first problems.</summary>
    public string Summary
    {
        get
        {
            if (IsReady)
            {
                var masters = Snapshots.Count(s => s.Myself is { IsMaster: true });
                return string.Create(CultureInfo.InvariantCulture, $"Ready: {masters} masters, {Snapshots.Count - masters} replicas, all 16384 slots served");
            }

            var shown = string.Join("; ", Problems.Take(ProblemsInSummary));
            return Problems.Count > ProblemsInSummary
                ? string.Create(CultureInfo.InvariantCulture, $"Not Ready: {shown} (and {Problems.Count - ProblemsInSummary} more)")
                : $"Not Ready: {shown}";
        }
    }
}
