using RedisAspire.Hosting.Publishing;
using System.Globalization;
using System.Text.Json.Nodes;
using static RedisAspire.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace RedisAspire.AppHost.Publishing.Kubernetes;

/// <summary>
/// The StatefulSet of the Redis nodes: stable pod names, a persistent volume claim per pod for /data, pods started in
/// parallel and spread over Kubernetes nodes when possible, probes that authenticate through the environment, and
/// every node started by <see cref="PublishedNode.Command"/> with its announce address from the downward API.
/// </summary>
public static class RedisStatefulSet
{
    /// <summary>The pod's IP (downward API <c>status.podIP</c>): the announce address without external access.</summary>
    public const string PodIpVariable = "POD_IP";

    /// <summary>The pod's name (downward API <c>metadata.name</c>), whose ordinal picks the node ports with NodePort access.</summary>
    public const string PodNameVariable = "POD_NAME";

    public const string ClientNodePortBaseVariable = "CLIENT_NODE_PORT_BASE";

    public const string BusNodePortBaseVariable = "BUS_NODE_PORT_BASE";

    public const string DataVolume = "data";

    /// <summary>Readiness: the node answers PING with PONG (it has loaded its data and serves commands).</summary>
    public static string ReadinessScript { get; } = string.Join('\n',
        $"export REDISCLI_AUTH=\"${PublishedNode.PasswordVariable}\"",
        $"reply=$(redis-cli -p \"${PublishedNode.PortVariable}\" ping 2>&1) || {{ echo \"$reply\"; exit 1; }}",
        "[ \"$reply\" = PONG ] || { echo \"$reply\"; exit 1; }") + "\n";

    /// <summary>Liveness: the node answers at all; loading a large AOF or a cluster that is down is still alive.</summary>
    public static string LivenessScript { get; } = string.Join('\n',
        $"export REDISCLI_AUTH=\"${PublishedNode.PasswordVariable}\"",
        $"reply=$(redis-cli -p \"${PublishedNode.PortVariable}\" ping 2>&1) || {{ echo \"$reply\"; exit 1; }}",
        "case \"$reply\" in PONG|LOADING*|MASTERDOWN*) exit 0;; esac",
        "echo \"$reply\"",
        "exit 1") + "\n";

    /// <summary>With NodePort access: picks this pod's node ports from its ordinal before the shared start script runs.</summary>
    public static string NodePortPrelude { get; } = string.Join('\n',
        "set -eu",
        $"ordinal=\"${{{PodNameVariable}##*-}}\"",
        $"export {PublishedNode.AnnouncePortVariable}=$(({ClientNodePortBaseVariable} + ordinal))",
        $"export {PublishedNode.AnnounceBusPortVariable}=$(({BusNodePortBaseVariable} + ordinal))") + "\n";

    public static JsonObject Build(KubernetesTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var component = KubernetesTopology.StatefulSetName;
        var template = new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = Labels(component) },
            ["spec"] = PodSpec(topology),
        };
        var claim = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = DataVolume, ["labels"] = Labels(component) },
            ["spec"] = ClaimSpec(topology.Options),
        };
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "StatefulSet",
            ["metadata"] = Metadata(KubernetesTopology.StatefulSetName, component, topology.Namespace),
            ["spec"] = new JsonObject
            {
                ["serviceName"] = KubernetesTopology.HeadlessServiceName,
                ["replicas"] = topology.NodeCount,
                // Every node must be up before cluster-init can form the cluster; ordered start would only slow that down.
                ["podManagementPolicy"] = "Parallel",
                ["updateStrategy"] = new JsonObject { ["type"] = "RollingUpdate" },
                ["selector"] = new JsonObject { ["matchLabels"] = Labels(component) },
                ["template"] = template,
                ["volumeClaimTemplates"] = new JsonArray(claim),
            },
        };
    }

    private static JsonObject PodSpec(KubernetesTopology topology)
    {
        var spec = new JsonObject
        {
            // Service links would add *_PORT variables; the start script's REDIS_PORT must be the only one.
            ["enableServiceLinks"] = false,
            ["terminationGracePeriodSeconds"] = 30,
            ["affinity"] = AntiAffinity(),
        };
        if (!topology.IsNodePort)
        {
            spec["initContainers"] = new JsonArray(PrepareNode(topology));
        }

        spec["containers"] = new JsonArray(Redis(topology));
        spec["volumes"] = new JsonArray(
            new JsonObject
            {
                ["name"] = "config",
                ["configMap"] = new JsonObject
                {
                    ["name"] = KubernetesTopology.ConfigMapName,
                    ["items"] = new JsonArray(new JsonObject { ["key"] = ConfigFileName, ["path"] = ConfigFileName }),
                },
            },
            new JsonObject
            {
                ["name"] = "tmp",
                // The start script's private auth include lives here: in memory, never on the persistent volume.
                ["emptyDir"] = new JsonObject { ["medium"] = "Memory", ["sizeLimit"] = "1Mi" },
            });
        return spec;
    }

    /// <summary>The key of redis.conf in the ConfigMap.</summary>
    public static string ConfigFileName => PublishedNode.ConfigPath[(PublishedNode.ConfigPath.LastIndexOf('/') + 1)..];

    private static JsonObject Redis(KubernetesTopology topology)
    {
        var env = new JsonArray();
        if (topology.IsNodePort)
        {
            env.Add(EnvFromField(PodNameVariable, "metadata.name"));
            env.Add(Env(ClientNodePortBaseVariable, Text(topology.Options.ClientNodePortBase)));
            env.Add(Env(BusNodePortBaseVariable, Text(topology.Options.BusNodePortBase)));
            env.Add(Env(PublishedNode.AnnounceIpVariable, topology.Options.NodeAddress));
        }
        else
        {
            env.Add(EnvFromField(PodIpVariable, "status.podIP"));
            env.Add(Env(PublishedNode.AnnounceIpVariable, $"$({PodIpVariable})"));
        }

        env.Add(EnvFromSecret(PublishedNode.PasswordVariable));
        env.Add(Env(PublishedNode.PortVariable, Text(KubernetesTopology.RedisPort)));
        var command = topology.IsNodePort ? ["sh", "-c", NodePortPrelude + PublishedNode.StartScript] : PublishedNode.Command;
        var configDirectory = PublishedNode.ConfigPath[..PublishedNode.ConfigPath.LastIndexOf('/')];
        return new JsonObject
        {
            ["name"] = "redis",
            ["image"] = topology.Image,
            ["imagePullPolicy"] = topology.Options.ImagePullPolicy,
            ["command"] = Strings(command),
            ["env"] = env,
            ["ports"] = new JsonArray(
                new JsonObject { ["name"] = "redis", ["containerPort"] = KubernetesTopology.RedisPort, ["protocol"] = "TCP" },
                new JsonObject { ["name"] = "bus", ["containerPort"] = KubernetesTopology.RedisBusPort, ["protocol"] = "TCP" }),
            // A large AOF may take minutes to load; liveness only starts once the node has answered once.
            ["startupProbe"] = ExecProbe(LivenessScript, initialDelaySeconds: 2, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 60),
            ["readinessProbe"] = ExecProbe(ReadinessScript, initialDelaySeconds: 2, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3),
            ["livenessProbe"] = ExecProbe(LivenessScript, initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3),
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" } },
            ["volumeMounts"] = new JsonArray(
                new JsonObject { ["name"] = DataVolume, ["mountPath"] = PublishedNode.DataDirectory },
                new JsonObject { ["name"] = "config", ["mountPath"] = configDirectory, ["readOnly"] = true },
                new JsonObject { ["name"] = "tmp", ["mountPath"] = "/tmp" }),
        };
    }

    // Without external access a pod's IP changes when it is recreated: prepare-node writes the new one into its own
    // nodes.conf entry before Redis reads it (peers learn it from the node's gossip, or from cluster-init's repair).
    // With NodePort access the announced address is fixed per pod, so there is nothing to rewrite.
    private static JsonObject PrepareNode(KubernetesTopology topology) => new()
    {
        ["name"] = "prepare-node",
        ["image"] = topology.ClusterInitImage,
        ["imagePullPolicy"] = topology.Options.ImagePullPolicy,
        ["args"] = Strings([
            "prepare-node", "--node",
            $"{PublishedNode.DataDirectory}/nodes.conf=$({PodIpVariable}):{Text(KubernetesTopology.RedisPort)}@{Text(KubernetesTopology.RedisBusPort)}",
        ]),
        ["env"] = new JsonArray(EnvFromField(PodIpVariable, "status.podIP")),
        ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = DataVolume, ["mountPath"] = PublishedNode.DataDirectory }),
    };

    private static JsonObject AntiAffinity() => new()
    {
        ["podAntiAffinity"] = new JsonObject
        {
            // Preferred, not required: a small cluster (or a single-node test cluster) can still run all six pods.
            ["preferredDuringSchedulingIgnoredDuringExecution"] = new JsonArray(new JsonObject
            {
                ["weight"] = 100,
                ["podAffinityTerm"] = new JsonObject
                {
                    ["topologyKey"] = "kubernetes.io/hostname",
                    ["labelSelector"] = new JsonObject { ["matchLabels"] = Labels(KubernetesTopology.StatefulSetName) },
                },
            }),
        },
    };

    private static JsonObject ClaimSpec(Options.KubernetesOptions options)
    {
        var spec = new JsonObject
        {
            ["accessModes"] = Strings(["ReadWriteOnce"]),
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = options.StorageSize } },
        };
        if (!string.IsNullOrEmpty(options.StorageClass))
        {
            spec["storageClassName"] = options.StorageClass;
        }

        return spec;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
