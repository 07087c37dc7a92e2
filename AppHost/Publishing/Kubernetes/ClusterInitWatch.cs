using System.Text.Json.Nodes;
using static RedisAspire.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace RedisAspire.AppHost.Publishing.Kubernetes;

/// <summary>
/// The <c>cluster-init-watch</c> Deployment: ClusterInit with <c>--watch</c>, the Job's image and environment, so the
/// cluster repairs itself after every pod was recreated with a new IP (it MEETs the nodes at their current addresses)
/// without anyone re-running the Job. Each round waits (bounded by <c>Cluster__NodesTimeout</c>) until every node
/// answers and changes nothing while one does not; a failed round is logged and retried after
/// <c>Cluster:WatchInterval</c>. ClusterInit never resets or flushes a node, so a healthy cluster gets no write.
/// </summary>
public static class ClusterInitWatch
{
    public const string FileName = "cluster-init-watch.yaml";

    /// <summary>The argument that makes ClusterInit reconcile until stopped instead of exiting when Ready.</summary>
    public const string WatchArgument = "--watch";

    /// <summary>The Deployment object.</summary>
    public static JsonObject Build(KubernetesTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var name = KubernetesTopology.ClusterInitWatchName;
        // One watcher at a time, also during a rollout: the old pod stops before the new one starts.
        return Deployment(name, topology.Namespace, replicas: 1, strategy: "Recreate", podSpec: new JsonObject
        {
            ["enableServiceLinks"] = false,
            // Stopping cancels the current round between commands; give it time to finish the one in flight.
            ["terminationGracePeriodSeconds"] = 30,
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = name,
                ["image"] = topology.ClusterInitImage,
                ["imagePullPolicy"] = topology.Options.ImagePullPolicy,
                ["args"] = Strings([WatchArgument]),
                ["env"] = ClusterInitJob.Environment(topology),
                // No probes: a round may wait minutes for starting pods, and restarting the watcher then would only
                // restart the wait.
                ["resources"] = new JsonObject
                {
                    ["requests"] = new JsonObject { ["cpu"] = "20m", ["memory"] = "64Mi" },
                    ["limits"] = new JsonObject { ["memory"] = "256Mi" },
                },
            }),
        });
    }
}
