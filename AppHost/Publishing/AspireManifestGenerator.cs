using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using RedisAspire.AppHost.Options;
using RedisAspire.AppHost.Redis;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.AppHost.Publishing;

/// <summary>
/// Renders <c>aspire-manifest.json</c> (aspire-8.0 schema) from the options AppHost binds: the nodes as
/// <c>container.v0</c>, the password as a generated secret <c>parameter.v0</c>, <c>cache</c> as <c>value.v0</c> and the
/// two projects as <c>project.v0</c>. Pure and deterministic; the password only ever appears as a placeholder.
/// </summary>
public static class AspireManifestGenerator
{
    public const string FileName = "aspire-manifest.json";

    public const string SchemaUrl = "https://json.schemastore.org/aspire-8.0.json";

    public const string CacheName = "cache";

    public const string PasswordName = "cache-password";

    public const string ClusterInitName = "cluster-init";

    public const string SampleApiName = "sample-api";

    /// <summary>Placeholder the deploying tool replaces with the generated password.</summary>
    public const string PasswordReference = "{" + PasswordName + ".value}";

    /// <summary>Port sample-api listens on inside its container when <c>SampleApi:Port</c> is 0 (pick at start).</summary>
    public const int DefaultSampleApiPort = 8080;

    private const int PasswordMinLength = 32;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Returns the manifest JSON.</summary>
    /// <param name="cluster">The <c>Cluster</c> section; its password is never written, only referenced.</param>
    /// <param name="image">Node image, e.g. <c>Container:Image</c>.</param>
    /// <param name="sampleApi">The <c>SampleApi</c> section (its target port).</param>
    /// <param name="otlp">The <c>Otlp</c> section; an endpoint is handed to both projects.</param>
    /// <param name="clusterInitProject">ClusterInit's .csproj path, relative to the manifest's folder.</param>
    /// <param name="sampleApiProject">SampleApi's .csproj path, relative to the manifest's folder.</param>
    public static string Generate(
        RedisClusterOptions cluster, string image, SampleApiOptions sampleApi, OtlpOptions otlp, string clusterInitProject, string sampleApiProject)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentException.ThrowIfNullOrEmpty(image);
        ArgumentNullException.ThrowIfNull(sampleApi);
        ArgumentNullException.ThrowIfNull(otlp);
        ArgumentException.ThrowIfNullOrEmpty(clusterInitProject);
        ArgumentException.ThrowIfNullOrEmpty(sampleApiProject);

        // The state directory is irrelevant here: a published node keeps its state on a volume at /data.
        var nodes = ClusterTopology.Compute(cluster, "/");
        var resources = new JsonObject();
        foreach (var node in nodes)
        {
            resources[node.Name] = Node(node, cluster, image);
        }

        resources[PasswordName] = Password();
        resources[CacheName] = new JsonObject
        {
            ["type"] = "value.v0",
            ["connectionString"] = string.Join(',', nodes.Select(n => Endpoint(n.Name))) + ",password=" + PasswordReference,
        };
        resources[ClusterInitName] = Project(clusterInitProject, ClusterInitEnvironment(nodes, cluster, otlp), bindings: null);
        var port = sampleApi.Port == 0 ? DefaultSampleApiPort : sampleApi.Port;
        resources[SampleApiName] = Project(sampleApiProject, SampleApiEnvironment(otlp), new JsonObject
        {
            ["http"] = Binding("http", "http", port, port),
        });

        var manifest = new JsonObject { ["$schema"] = SchemaUrl, ["resources"] = resources };
        return manifest.ToJsonString(Indented) + "\n";
    }

    private static JsonObject Node(RedisNode node, RedisClusterOptions cluster, string image)
    {
        // The one redis.conf AppHost writes for bridge-mode containers, with the password as a placeholder.
        var config = RedisConfigWriter.RenderForContainer(node, ContainerNetwork.Bridge, cluster, PasswordReference, Architecture.X64);
        return new JsonObject
        {
            ["type"] = "container.v0",
            ["image"] = image,
            ["entrypoint"] = "redis-server",
            ["args"] = Array(RedisServerArguments.FromConfig(config)),
            ["volumes"] = new JsonArray(new JsonObject
            {
                ["name"] = node.Name + "-data",
                ["target"] = RedisConfigWriter.ContainerDataDirectory,
                ["readOnly"] = false,
            }),
            ["bindings"] = new JsonObject
            {
                ["tcp"] = Binding("tcp", "tcp", node.Port, node.Port),
                ["bus"] = Binding("tcp", "tcp", node.BusPort, node.BusPort),
            },
        };
    }

    private static JsonObject Password() => new()
    {
        ["type"] = "parameter.v0",
        ["value"] = "{" + PasswordName + ".inputs.value}",
        ["inputs"] = new JsonObject
        {
            ["value"] = new JsonObject
            {
                ["type"] = "string",
                ["secret"] = true,
                ["default"] = new JsonObject { ["generate"] = new JsonObject { ["minLength"] = PasswordMinLength } },
            },
        },
    };

    private static Dictionary<string, string> ClusterInitEnvironment(IReadOnlyList<RedisNode> nodes, RedisClusterOptions cluster, OtlpOptions otlp)
    {
        // Same keys as Topology.ClusterInitEnvironment, with placeholders where the local run has addresses and secrets.
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var prefix = $"Cluster__Nodes__{Text(node.Index)}__";
            environment[prefix + "Name"] = node.Name;
            environment[prefix + "Endpoint"] = Endpoint(node.Name);
            environment[prefix + "BusPort"] = $"{{{node.Name}.bindings.bus.port}}";
        }

        environment["Cluster__Masters"] = Text(cluster.Masters);
        environment["Cluster__ReplicasPerMaster"] = Text(cluster.ReplicasPerMaster);
        environment["Cluster__Password"] = PasswordReference;
        environment[$"ConnectionStrings__{CacheName}"] = $"{{{CacheName}.connectionString}}";
        environment["OTEL_SERVICE_NAME"] = ClusterInitName;
        environment["DOTNET_ENVIRONMENT"] = "Production";
        OtlpEnvironment.AddTo(environment, otlp);
        return environment;
    }

    private static Dictionary<string, string> SampleApiEnvironment(OtlpOptions otlp)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"ConnectionStrings__{CacheName}"] = $"{{{CacheName}.connectionString}}",
            ["OTEL_SERVICE_NAME"] = SampleApiName,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // Aspire's convention: ASP.NET Core reads HTTP_PORTS from the environment.
            ["HTTP_PORTS"] = $"{{{SampleApiName}.bindings.http.targetPort}}",
        };
        OtlpEnvironment.AddTo(environment, otlp);
        return environment;
    }

    private static JsonObject Project(string path, Dictionary<string, string> environment, JsonObject? bindings)
    {
        var project = new JsonObject
        {
            ["type"] = "project.v0",
            ["path"] = path.Replace('\\', '/'),
            ["env"] = new JsonObject(environment.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value)))),
        };
        if (bindings is not null)
        {
            project["bindings"] = bindings;
        }

        return project;
    }

    private static JsonObject Binding(string scheme, string transport, int port, int targetPort) => new()
    {
        ["scheme"] = scheme,
        ["protocol"] = "tcp",
        ["transport"] = transport,
        ["port"] = port,
        ["targetPort"] = targetPort,
    };

    private static string Endpoint(string node) => $"{{{node}.bindings.tcp.host}}:{{{node}.bindings.tcp.port}}";

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
