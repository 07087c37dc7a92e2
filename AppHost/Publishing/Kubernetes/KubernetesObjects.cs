using System.Text.Json.Nodes;

namespace RedisAspire.AppHost.Publishing.Kubernetes;

/// <summary>Small builders for the parts every Kubernetes object repeats (metadata, labels, environment variables).</summary>
public static class KubernetesObjects
{
    /// <summary><c>metadata</c> with name, namespace (omitted for cluster-scoped objects) and the standard labels.</summary>
    public static JsonObject Metadata(string name, string component, string? @namespace)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (@namespace is not null)
        {
            metadata["namespace"] = @namespace;
        }

        metadata["labels"] = Labels(component);
        return metadata;
    }

    public static JsonObject Labels(string component) =>
        new(KubernetesTopology.Labels(component).Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));

    /// <summary>An environment variable with a literal value (Kubernetes expands <c>$(NAME)</c> of variables defined before it).</summary>
    public static JsonObject Env(string name, string value) => new() { ["name"] = name, ["value"] = value };

    /// <summary>The password, by reference to the Secret: its value is never in a manifest.</summary>
    public static JsonObject EnvFromSecret(string name) => new()
    {
        ["name"] = name,
        ["valueFrom"] = new JsonObject
        {
            ["secretKeyRef"] = new JsonObject { ["name"] = KubernetesTopology.SecretName, ["key"] = KubernetesTopology.SecretKey },
        },
    };

    /// <summary>A value from the downward API, e.g. <c>status.podIP</c>.</summary>
    public static JsonObject EnvFromField(string name, string fieldPath) => new()
    {
        ["name"] = name,
        ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = fieldPath } },
    };

    /// <summary>A pod template: the component's labels and <paramref name="podSpec"/>.</summary>
    public static JsonObject PodTemplate(string component, JsonObject podSpec) => new()
    {
        ["metadata"] = new JsonObject { ["labels"] = Labels(component) },
        ["spec"] = podSpec,
    };

    /// <summary>
    /// A Deployment <paramref name="name"/> of <paramref name="replicas"/> pods selected by their labels;
    /// <paramref name="strategy"/> null keeps Kubernetes' default (<c>RollingUpdate</c>).
    /// </summary>
    public static JsonObject Deployment(string name, string @namespace, int replicas, JsonObject podSpec, string? strategy = null)
    {
        var spec = new JsonObject { ["replicas"] = replicas };
        if (strategy is not null)
        {
            spec["strategy"] = new JsonObject { ["type"] = strategy };
        }

        spec["selector"] = new JsonObject { ["matchLabels"] = Labels(name) };
        spec["template"] = PodTemplate(name, podSpec);
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = Metadata(name, name, @namespace),
            ["spec"] = spec,
        };
    }

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    public static JsonArray Array(IEnumerable<JsonNode> values) => new([.. values.Select(v => (JsonNode?)v)]);

    /// <summary>An exec probe running <c>sh -c <paramref name="script"/></c>.</summary>
    public static JsonObject ExecProbe(string script, int initialDelaySeconds, int periodSeconds, int timeoutSeconds, int failureThreshold) => new()
    {
        ["exec"] = new JsonObject { ["command"] = Strings(["sh", "-c", script]) },
        ["initialDelaySeconds"] = initialDelaySeconds,
        ["periodSeconds"] = periodSeconds,
        ["timeoutSeconds"] = timeoutSeconds,
        ["failureThreshold"] = failureThreshold,
    };

    /// <summary>An HTTP GET probe on the named container port.</summary>
    public static JsonObject HttpProbe(string path, string port, int initialDelaySeconds, int periodSeconds, int failureThreshold) => new()
    {
        ["httpGet"] = new JsonObject { ["path"] = path, ["port"] = port },
        ["initialDelaySeconds"] = initialDelaySeconds,
        ["periodSeconds"] = periodSeconds,
        ["timeoutSeconds"] = 3,
        ["failureThreshold"] = failureThreshold,
    };
}
