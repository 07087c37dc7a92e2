using System.Globalization;
using System.Text.Json.Nodes;
using RedisAspire.AppHost.Topology;
using static RedisAspire.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace RedisAspire.AppHost.Publishing.Kubernetes;

/// <summary>sample-api: a Deployment whose pods are ready when <c>/health</c> says the cluster serves every slot, and its Service.</summary>
public static class SampleApiManifests
{
    /// <summary>The password variable the connection string expands (<c>$(REDIS_PASSWORD)</c>), filled from the Secret.</summary>
    public const string PasswordVariable = "REDIS_PASSWORD";

    public static JsonObject Deployment(KubernetesTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var name = KubernetesTopology.SampleApiName;
        var endpoints = string.Join(',', Enumerable.Range(0, topology.NodeCount).Select(topology.NodeEndpoint));
        var env = new JsonArray(
            EnvFromSecret(PasswordVariable),
            // Kubernetes expands $(REDIS_PASSWORD) from the variable above: the password is never written here.
            Env($"ConnectionStrings__{ComposeGenerator.CacheName}", $"{endpoints},password=$({PasswordVariable})"),
            Env("ASPNETCORE_HTTP_PORTS", Text(topology.Options.SampleApiPort)),
            Env("ASPNETCORE_ENVIRONMENT", "Production"),
            Env("OTEL_SERVICE_NAME", name));
        var otlp = new Dictionary<string, string>(StringComparer.Ordinal);
        OtlpEnvironment.AddTo(otlp, topology.Otlp);
        foreach (var (key, value) in otlp.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            env.Add(Env(key, value));
        }

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
