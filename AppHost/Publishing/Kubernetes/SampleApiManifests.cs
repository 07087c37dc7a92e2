using System.Globalization;
using System.Text.Json.Nodes;
using static RedisAspire.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace RedisAspire.AppHost.Publishing.Kubernetes;

/// <summary>sample-api: a Deployment whose pods are ready when <c>/health</c> says the cluster serves every slot, and its Service.</summary>
public static class SampleApiManifests
{
    public static JsonObject Deployment(KubernetesTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var name = KubernetesTopology.SampleApiName;
        // The model's environment (its connection string over every node, the password expanded from the Secret).
        var env = KubernetesEnvironment.Build(
            topology,
            topology.Application.SampleApi,
            [new("ASPNETCORE_HTTP_PORTS", Text(topology.Options.SampleApiPort)), new("ASPNETCORE_ENVIRONMENT", "Production")],
            []);
        return KubernetesObjects.Deployment(name, topology.Namespace, topology.Options.SampleApiReplicas, new JsonObject
        {
            ["enableServiceLinks"] = false,
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = name,
                ["image"] = topology.SampleApiImage,
                ["imagePullPolicy"] = topology.Options.ImagePullPolicy,
                ["env"] = env,
                ["ports"] = new JsonArray(new JsonObject
                {
                    ["name"] = "http", ["containerPort"] = topology.Options.SampleApiPort, ["protocol"] = "TCP",
                }),
                // /health: the cluster answers and serves every slot (not ready until cluster-init is done).
                ["readinessProbe"] = HttpProbe("/health", "http", initialDelaySeconds: 2, periodSeconds: 5, failureThreshold: 3),
                // /alive: the process itself; a cluster outage must not restart the API.
                ["livenessProbe"] = HttpProbe("/alive", "http", initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 3),
                ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" } },
            }),
        });
    }

    public static JsonObject Service(KubernetesTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var name = KubernetesTopology.SampleApiName;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = Metadata(name, name, topology.Namespace),
            ["spec"] = new JsonObject
            {
                ["selector"] = Labels(name),
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = 80, ["targetPort"] = "http", ["protocol"] = "TCP" }),
            },
        };
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
