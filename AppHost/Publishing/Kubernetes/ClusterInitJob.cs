using System.Globalization;
using System.Text.Json.Nodes;
using RedisAspire.AppHost.Topology;
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

    /// <summary>The same keys AppHost hands to cluster-init locally; the password only by reference to the Secret.</summary>
    public static JsonArray Environment(KubernetesTopology topology)
    {
        var env = new JsonArray();
        for (var i = 0; i < topology.NodeCount; i++)
        {
            var prefix = $"Cluster__Nodes__{Text(i)}__";
            env.Add(Env(prefix + "Name", KubernetesTopology.NodeName(i)));
            env.Add(Env(prefix + "Endpoint", topology.ManagedEndpoint(i)));
            env.Add(Env(prefix + "BusPort", Text(topology.AnnouncedBusPort(i))));
        }

        env.Add(Env("Cluster__Masters", Text(topology.Cluster.Masters)));
        env.Add(Env("Cluster__ReplicasPerMaster", Text(topology.Cluster.ReplicasPerMaster)));
        env.Add(EnvFromSecret("Cluster__Password"));
        // Pods may wait for volumes and image pulls; the node wait is bounded but generous.
        env.Add(Env("Cluster__NodesTimeout", "00:05:00"));
        env.Add(Env("Cluster__ReadyTimeout", "00:03:00"));
        env.Add(Env("OTEL_SERVICE_NAME", KubernetesTopology.ClusterInitName));
        env.Add(Env("DOTNET_ENVIRONMENT", "Production"));
        var otlp = new Dictionary<string, string>(StringComparer.Ordinal);
        OtlpEnvironment.AddTo(otlp, topology.Otlp);
        foreach (var (key, value) in otlp.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            env.Add(Env(key, value));
        }

        return env;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
