using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RedisAspire.AppHost.Options;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.AppHost.Publishing;

/// <summary>
/// Renders <c>aspire-manifest.json</c> (aspire-8.0 schema) from the options AppHost binds. The nodes are
/// <c>container.v0</c> resources started the way every published node starts (<see cref="PublishedNode"/>): entrypoint
/// <c>sh</c> with the start script (its braces escaped as the manifest format requires), the shared secret-free <c>redis.conf</c> bind-mounted read-only from beside the
/// manifest, the password from the secret parameter <c>cache-password</c> through the environment, a volume for /data,
/// client and bus bindings published 1:1, and the address every node announces from the parameter <c>announce-ip</c>
/// (the host the ports are published on). ClusterInit and SampleApi are <c>project.v0</c>; <c>cache</c> is
/// <c>value.v0</c>. Pure and deterministic; the password only ever appears as a placeholder.
/// </summary>
public static class AspireManifestGenerator
{
    public const string FileName = "aspire-manifest.json";

    /// <summary>The shared node config written beside the manifest and bind-mounted into every node.</summary>
    public const string ConfigFileName = "redis.conf";

    public const string SchemaUrl = "https://json.schemastore.org/aspire-8.0.json";

    public const string CacheName = "cache";

    public const string PasswordName = "cache-password";

    /// <summary>The parameter holding the IP address clients and peers reach the nodes at (where their ports are published).</summary>
    public const string AnnounceIpName = "announce-ip";

    public const string ClusterInitName = "cluster-init";

    public const string SampleApiName = "sample-api";

    /// <summary>Placeholder the deploying tool replaces with the generated password.</summary>
    public const string PasswordReference = "{" + PasswordName + ".value}";

    /// <summary>Placeholder the deploying tool replaces with the announce address it prompts for.</summary>
    public const string AnnounceIpReference = "{" + AnnounceIpName + ".value}";

    /// <summary>Port sample-api listens on inside its container when <c>SampleApi:Port</c> is 0 (pick at start).</summary>
    public const int DefaultSampleApiPort = 8080;

    private const int PasswordMinLength = 32;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Returns the manifest JSON; <see cref="PublishedNode.RenderConfig"/> goes into <see cref="ConfigFileName"/> beside it.</summary>
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
        var resources = new JsonObject
        {
            [PasswordName] = Parameter(PasswordName, secret: true, new JsonObject
            {
                // Only letters and digits: the start script accepts PublishedNode.PasswordAlphabet only.
                ["generate"] = new JsonObject { ["minLength"] = PasswordMinLength, ["special"] = false },
            }),
            // No default: the deploying tool asks for the address of the host the nodes' ports are published on.
            [AnnounceIpName] = Parameter(AnnounceIpName, secret: false, defaultValue: null),
        };
        foreach (var node in nodes)
        {
            resources[node.Name] = Node(node, image);
        }

        resources[CacheName] = new JsonObject
        {
            ["type"] = "value.v0",
            ["connectionString"] = string.Join(',', nodes.Select(n => AnnouncedEndpoint(n.Name))) + ",password=" + PasswordReference,
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

    private static JsonObject Node(RedisNode node, string image) => new()
    {
        ["type"] = "container.v0",
        ["image"] = image,
        ["entrypoint"] = PublishedNode.Command[0],
        ["args"] = Array(PublishedNode.Command.Skip(1).Select(Literal)),
        ["env"] = Object(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PublishedNode.PasswordVariable] = PasswordReference,
            [PublishedNode.PortVariable] = Text(node.Port),
            [PublishedNode.AnnounceIpVariable] = AnnounceIpReference,
            [PublishedNode.AnnouncePortVariable] = $"{{{node.Name}.bindings.tcp.port}}",
            [PublishedNode.AnnounceBusPortVariable] = $"{{{node.Name}.bindings.bus.port}}",
        }),
        ["bindings"] = new JsonObject
        {
            ["tcp"] = Binding("tcp", "tcp", node.Port, node.Port),
            ["bus"] = Binding("tcp", "tcp", node.BusPort, node.BusPort),
        },
        ["bindMounts"] = new JsonArray(new JsonObject
        {
            ["source"] = ConfigFileName,
            ["target"] = PublishedNode.ConfigPath,
            ["readOnly"] = true,
        }),
        ["volumes"] = new JsonArray(new JsonObject
        {
            ["name"] = node.Name + "-data",
            ["target"] = PublishedNode.DataDirectory,
            ["readOnly"] = false,
        }),
    };

    private static JsonObject Parameter(string name, bool secret, JsonObject? defaultValue)
    {
        var input = new JsonObject { ["type"] = "string", ["secret"] = secret };
        if (defaultValue is not null)
        {
            input["default"] = defaultValue;
        }

        return new JsonObject
        {
            ["type"] = "parameter.v0",
            ["value"] = "{" + name + ".inputs.value}",
            ["inputs"] = new JsonObject { ["value"] = input },
        };
    }

    private static Dictionary<string, string> ClusterInitEnvironment(IReadOnlyList<RedisNode> nodes, RedisClusterOptions cluster, OtlpOptions otlp)
    {
        // Same keys as Topology.ClusterInitEnvironment: each node at the address it announces, so ClusterInit matches
        // it with what the nodes report; the password by placeholder.
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var prefix = $"Cluster__Nodes__{Text(node.Index)}__";
            environment[prefix + "Name"] = node.Name;
            environment[prefix + "Endpoint"] = AnnouncedEndpoint(node.Name);
            environment[prefix + "BusPort"] = $"{{{node.Name}.bindings.bus.port}}";
        }

        environment["Cluster__Masters"] = Text(cluster.Masters);
        environment["Cluster__ReplicasPerMaster"] = Text(cluster.ReplicasPerMaster);
        environment["Cluster__Password"] = PasswordReference;
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
            ["env"] = Object(environment),
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

    /// <summary>
    /// <paramref name="text"/> as a manifest string with no placeholder: manifest consumers read <c>{name.path}</c> as
    /// a reference and <c>{{</c> / <c>}}</c> as literal braces, so the shell's <c>${VAR}</c> must be written doubled.
    /// </summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
    }

    private static string AnnouncedEndpoint(string node) => $"{AnnounceIpReference}:{{{node}.bindings.tcp.port}}";

    private static JsonObject Object(Dictionary<string, string> values) =>
        new(values.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value))));

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
