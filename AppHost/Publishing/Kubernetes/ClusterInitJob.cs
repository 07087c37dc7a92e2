using System.Text.Json.Nodes;
using static RedisAspire.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace RedisAspire.AppHost.Publishing.Kubernetes;

/// <summary>
/// The cluster-init Job: waits for every node, forms the cluster over empty nodes or repairs an existing one (MEET at
/// current addresses, failovers, replica placement), and exits 0 when Ready. ClusterInit never resets or flushes a
/// node, so running it again (a new Job after the finished one expired) is safe: a healthy cluster gets no write.
/// </summary>
public static class ClusterInitJob
{
    /// <summary>Finished Jobs are deleted after this long, so the next <c>kubectl apply -k</c> runs cluster-init again.</summary>
    public const int TtlSecondsAfterFinished = 600;

    /// <summary>The Job object.</summary>
    public static JsonObject Build(KubernetesTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var name = KubernetesTopology.ClusterInitName;
        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = Metadata(name, name, topology.Namespace),
            ["spec"] = new JsonObject
            {
                // Each attempt already waits up to Cluster__NodesTimeout for the nodes; a few retries cover slow volume
                // provisioning and image pulls without hiding a real blocker for long.
                ["backoffLimit"] = 4,
                ["activeDeadlineSeconds"] = 1800,
                ["ttlSecondsAfterFinished"] = TtlSecondsAfterFinished,
                ["template"] = PodTemplate(name, new JsonObject
                {
                    ["restartPolicy"] = "Never",
                    ["enableServiceLinks"] = false,
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = name,
                        ["image"] = topology.ClusterInitImage,
                        ["imagePullPolicy"] = topology.Options.ImagePullPolicy,
                        ["env"] = Environment(topology),
                        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" } },
                    }),
                }),
            },
        };
    }

    /// <summary>
    /// cluster-init's environment from the application model (the same contract run mode and the Aspire manifest carry),
    /// the password only by reference to the Secret. Pods may wait for volumes and image pulls: the node and Ready waits
    /// are bounded but generous unless the model sets them.
    /// </summary>
    public static JsonArray Environment(KubernetesTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return KubernetesEnvironment.Build(
            topology,
            topology.Application.ClusterInit,
            [new("DOTNET_ENVIRONMENT", "Production")],
            [new("Cluster__NodesTimeout", "00:05:00"), new("Cluster__ReadyTimeout", "00:03:00")]);
    }
}
