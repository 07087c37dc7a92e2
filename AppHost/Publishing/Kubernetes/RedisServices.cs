using RedisAspire.Hosting.Publishing;
using System.Text.Json.Nodes;
using static RedisAspire.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace RedisAspire.AppHost.Publishing.Kubernetes;

/// <summary>The objects around the node pods: namespace, shared config, Services and the disruption budget.</summary>
public static class RedisServices
{
    public static JsonObject Namespace(KubernetesTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = Metadata(topology.Namespace, KubernetesTopology.PartOf, @namespace: null),
        };
    }

    /// <summary>The one redis.conf of every node (<see cref="PublishedNode.RenderConfig"/>): no secret, port or address.</summary>
    public static JsonObject ConfigMap(KubernetesTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = Metadata(KubernetesTopology.ConfigMapName, KubernetesTopology.StatefulSetName, topology.Namespace),
            ["data"] = new JsonObject { [RedisStatefulSet.ConfigFileName] = PublishedNode.RenderConfig(topology.Cluster) },
        };
    }

    /// <summary>
    /// The headless Service that gives every pod its stable DNS name. Not-ready pods are published too: cluster-init must
    /// resolve the nodes before the cluster (and so the nodes' readiness) exists.
    /// </summary>
    public static JsonObject Headless(KubernetesTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = Metadata(KubernetesTopology.HeadlessServiceName, KubernetesTopology.StatefulSetName, topology.Namespace),
            ["spec"] = new JsonObject
            {
                ["clusterIP"] = "None",
                ["publishNotReadyAddresses"] = true,
                ["selector"] = Labels(KubernetesTopology.StatefulSetName),
                ["ports"] = new JsonArray(
                    Port("redis", KubernetesTopology.RedisPort, nodePort: null),
                    Port("bus", KubernetesTopology.RedisBusPort, nodePort: null)),
            },
        };
    }

    /// <summary>With NodePort access: one Service per pod, exposing its client and bus ports on the node ports it announces.</summary>
    public static IEnumerable<JsonObject> External(KubernetesTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        for (var i = 0; i < topology.NodeCount; i++)
        {
            var pod = KubernetesTopology.NodeName(i);
            yield return new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Service",
                ["metadata"] = Metadata(pod + "-external", KubernetesTopology.StatefulSetName, topology.Namespace),
                ["spec"] = new JsonObject
                {
                    ["type"] = "NodePort",
                    ["publishNotReadyAddresses"] = true,
                    ["selector"] = new JsonObject { ["statefulset.kubernetes.io/pod-name"] = pod },
                    ["ports"] = new JsonArray(
                        Port("redis", KubernetesTopology.RedisPort, topology.AnnouncedPort(i)),
                        Port("bus", KubernetesTopology.RedisBusPort, topology.AnnouncedBusPort(i))),
                },
            };
        }
    }

    /// <summary>At most one node down through voluntary disruptions (drains, upgrades): a master and its replica never both.</summary>
    public static JsonObject DisruptionBudget(KubernetesTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return new JsonObject
        {
            ["apiVersion"] = "policy/v1",
            ["kind"] = "PodDisruptionBudget",
            ["metadata"] = Metadata(KubernetesTopology.StatefulSetName, KubernetesTopology.StatefulSetName, topology.Namespace),
            ["spec"] = new JsonObject
            {
                ["maxUnavailable"] = 1,
                ["selector"] = new JsonObject { ["matchLabels"] = Labels(KubernetesTopology.StatefulSetName) },
            },
        };
    }

    private static JsonObject Port(string name, int port, int? nodePort)
    {
        var value = new JsonObject { ["name"] = name, ["port"] = port, ["targetPort"] = name, ["protocol"] = "TCP" };
        if (nodePort is { } node)
        {
            value["nodePort"] = node;
        }

        return value;
    }
}
