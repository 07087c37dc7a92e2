using System.Globalization;
using System.Text.Json.Nodes;
using RedisAspire.AppHost.Options;
using RedisAspire.AppHost.Topology;
using RedisAspire.Hosting.Publishing;
using static RedisAspire.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace RedisAspire.AppHost.Publishing;

/// <summary>
/// Renders <c>docker-compose.yaml</c> from the application model: the nodes (<see cref="PublishedNode"/>'s start
/// script with the environment the model gives each node, the shared redis.conf, a volume each at /data, client and bus
/// ports published 1:1, an authenticated health check), <c>cluster-init</c> with the model's administration contract once
/// every node is healthy, and <c>sample-api</c> with the model's connection string once cluster-init has exited 0.
/// Parameters become Compose variables read from <c>.env</c> (<c>${REDIS_PASSWORD}</c>, <c>${ANNOUNCE_IP}</c>): the
/// password is never written here. Deterministic.
/// </summary>
public static class ComposeGenerator
{
    public const string FileName = "docker-compose.yaml";

    /// <summary>The shared node configuration, next to the compose file and mounted read-only into every node.</summary>
    public const string ConfigFileName = PublishedNode.ConfigFileName;

    public const string CacheName = "cache";

    /// <summary>The port sample-api listens on inside its container; published on <c>SampleApi:Port</c> (8080 when that is 0).</summary>
    public const int SampleApiContainerPort = 8080;

    // Lower than any host's hard limit we met (a runtime refuses to raise limits above it); Redis' 10,000 clients fit.
    private const int OpenFilesLimit = 10000;
    private const int ProcessesLimit = 4096;

    /// <summary>Returns the compose file's text.</summary>
    /// <param name="application">The application model.</param>
    /// <param name="publish">The <c>Publish</c> section (application images).</param>
    /// <param name="sampleApi">The <c>SampleApi</c> section (published port).</param>
    /// <param name="otlp">The <c>Otlp</c> section; an endpoint is handed to cluster-init and sample-api.</param>
    public static string Generate(PublishedApplication application, PublishOptions publish, SampleApiOptions sampleApi, OtlpOptions otlp)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentNullException.ThrowIfNull(sampleApi);
        ArgumentNullException.ThrowIfNull(otlp);
        var cluster = application.Cluster;
        var services = new JsonObject();
        var volumes = new JsonObject();
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            services.Add(cluster.Nodes[i].Name, Node(cluster, cluster.Nodes[i], application.Nodes[i]));
            volumes.Add(NodePublishing.VolumeName(cluster.Nodes[i]), new JsonObject());
        }

        services.Add(application.ClusterInit.Name, ClusterInit(application, publish.ClusterInitImage, otlp));
        services.Add(application.SampleApi.Name, SampleApi(application, publish.SampleApiImage, sampleApi, otlp));

        return YamlDocuments.Write(
            [new JsonObject { ["services"] = services, ["volumes"] = volumes }],
            "Generated from the AppHost's application model (--operation publish --step publish-compose). Start it with `docker compose up -d` in this folder.",
            $"Variables come from .env next to this file: {PublishedNode.PasswordVariable} (never written here) and {PublishedNode.AnnounceIpVariable}.",
            "Images: build them with `dotnet run --project AppHost -- build-image` and `-- build-app-images` (see the README, \"Container images\").");
    }

    /// <summary>The health check of a node: an authenticated PING answered with PONG, the password taken from the environment.</summary>
    public static string NodeHealthCheck { get; } =
        $"[ \"$(REDISCLI_AUTH=\"${PublishedNode.PasswordVariable}\" redis-cli --no-auth-warning -p \"${PublishedNode.PortVariable}\" ping)\" = PONG ]";

    /// <summary>What a model reference is in the compose file: a parameter an <c>.env</c> variable, an endpoint property its port.</summary>
    public static string Reference(RedisClusterResource cluster, object reference)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return reference switch
        {
            ParameterResource parameter => "${" + Variable(cluster, parameter) + "}",
            EndpointReferenceExpression { Property: EndpointProperty.Port or EndpointProperty.TargetPort } port => ModelReferences.PortText(port),
            _ => throw ModelReferences.Unsupported(reference),
        };
    }

    /// <summary>The <c>.env</c> variable that holds a parameter's value: the nodes' password or their announce address.</summary>
    public static string Variable(RedisClusterResource cluster, ParameterResource parameter)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter == cluster.PasswordParameter ? PublishedNode.PasswordVariable
            : parameter == cluster.AnnounceIpParameter ? PublishedNode.AnnounceIpVariable
            : throw ModelReferences.Unsupported(parameter);
    }

    private static JsonObject Node(RedisClusterResource cluster, IRedisClusterNodeResource node, PublishedService published)
    {
        var environment = new JsonObject();
        foreach (var (name, value) in published.Environment)
        {
            // A variable that is just a parameter must come from .env: Compose stops with this message when it is missing.
            environment[name] = ModelReferences.SingleParameter(value) is { } parameter
                ? Required(Variable(cluster, parameter))
                : PublishedEnvironment.Render(value, r => Reference(cluster, r));
        }

        var ports = node.Annotations.OfType<EndpointAnnotation>().Select(e => $"{Text(e.Port ?? 0)}:{Text(e.TargetPort ?? 0)}");
        return new JsonObject
        {
            ["image"] = cluster.Options.Image,
            ["entrypoint"] = Strings(PublishedNode.Command.Select(Literal)),
            ["environment"] = environment,
            ["ports"] = Strings(ports),
            ["volumes"] = Strings([$"{NodePublishing.VolumeName(node)}:{PublishedNode.DataDirectory}", $"./{ConfigFileName}:{PublishedNode.ConfigPath}:ro"]),
            ["healthcheck"] = new JsonObject
            {
                ["test"] = Strings(["CMD-SHELL", Literal(NodeHealthCheck)]),
                ["interval"] = "5s",
                ["timeout"] = "3s",
                ["retries"] = 5,
                ["start_period"] = "5s",
            },
            ["ulimits"] = Ulimits(),
            ["restart"] = "unless-stopped",
        };
    }

    private static JsonObject ClusterInit(PublishedApplication application, string image, OtlpOptions otlp)
    {
        var dependsOn = new JsonObject();
        foreach (var node in application.Cluster.Nodes)
        {
            dependsOn.Add(node.Name, new JsonObject { ["condition"] = "service_healthy" });
        }

        // One shot: forms the cluster on first start, repairs it on later ones, never resets or flushes a node.
        return new JsonObject
        {
            ["image"] = image,
            ["environment"] = Environment(application, application.ClusterInit, [], otlp),
            ["depends_on"] = dependsOn,
            ["ulimits"] = Ulimits(),
            ["restart"] = "no",
        };
    }

    private static JsonObject SampleApi(PublishedApplication application, string image, SampleApiOptions sampleApi, OtlpOptions otlp)
    {
        var published = sampleApi.Port == 0 ? SampleApiContainerPort : sampleApi.Port;

        // No health check here: the image has no HTTP client to call /health with; probe it from outside.
        return new JsonObject
        {
            ["image"] = image,
            ["environment"] = Environment(application, application.SampleApi, [new("ASPNETCORE_URLS", $"http://0.0.0.0:{Text(SampleApiContainerPort)}")], otlp),
            ["ports"] = Strings([$"{Text(published)}:{Text(SampleApiContainerPort)}"]),
            ["depends_on"] = new JsonObject { [application.ClusterInit.Name] = new JsonObject { ["condition"] = "service_completed_successfully" } },
            ["ulimits"] = Ulimits(),
            ["restart"] = "unless-stopped",
        };
    }

    // The model's environment, rendered; then what the container platform would otherwise provide (its listening
    // address, its service name, the exporter when one is configured). The model's own port variables give way to the
    // container's fixed listening address.
    private static JsonObject Environment(PublishedApplication application, PublishedService service, IReadOnlyList<KeyValuePair<string, string>> platform, OtlpOptions otlp)
    {
        var environment = new JsonObject();
        foreach (var (name, value) in service.Environment)
        {
            if (!ModelReferences.PlatformVariables.Contains(name))
            {
                environment[name] = PublishedEnvironment.Render(value, r => Reference(application.Cluster, r));
            }
        }

        foreach (var (name, value) in platform)
        {
            environment[name] = value;
        }

        environment["OTEL_SERVICE_NAME"] = service.Name;
        environment["DOTNET_ENVIRONMENT"] = "Production";
        var exporter = new Dictionary<string, string>(StringComparer.Ordinal);
        OtlpEnvironment.AddTo(exporter, otlp);
        foreach (var (name, value) in exporter)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static JsonObject Ulimits() => new()
    {
        ["nofile"] = new JsonObject { ["soft"] = OpenFilesLimit, ["hard"] = OpenFilesLimit },
        ["nproc"] = new JsonObject { ["soft"] = ProcessesLimit, ["hard"] = ProcessesLimit },
    };

    private static string Required(string variable) => "${" + variable + ":?" + variable + " must be set in .env}";

    // Text Compose must pass through untouched: "$" is Compose's interpolation sign, "$$" a literal "$".
    private static string Literal(string text) => text.Replace("$", "$$", StringComparison.Ordinal);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
