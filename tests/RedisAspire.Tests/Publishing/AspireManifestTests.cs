using System.Text.Json;
using System.Text.Json.Nodes;
using RedisAspire.Hosting.Publishing;

namespace RedisAspire.Tests.Publishing;

/// <summary>
/// The aspire-8.0 manifest Aspire's own publisher writes for the AppHost (<c>--publisher manifest</c>), checked against
/// the schema's facts: the nodes' <c>container.v0</c> entries come from the hosting integration, cluster-init and
/// sample-api are Aspire's <c>project.v0</c> entries with the references Aspire resolves.
/// </summary>
public sealed class AspireManifestTests : IDisposable
{
    private const string Password = "Configured-Secret-0123456789";

    private static readonly string[] NodeNames = ["cache-0", "cache-1", "cache-2", "cache-3", "cache-4", "cache-5"];

    private readonly string _output = Path.Combine(Path.GetTempPath(), "redisaspire-manifest-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SatisfiesTheAspire80SchemaFacts()
    {
        using var manifest = await PublishAsync();

        Assert.Empty(AspireManifestSchema.Validate(manifest.RootElement));
    }

    [Fact]
    public async Task SatisfiesTheAspire80SchemaFactsWithAnotherTopology()
    {
        using var manifest = await PublishAsync("--Cluster:Masters=4", "--Cluster:ReplicasPerMaster=2", "--Cluster:BasePort=7400");

        Assert.Empty(AspireManifestSchema.Validate(manifest.RootElement));
        Assert.Equal(12, Resources(manifest).Count(r => Type(r.Value) == "container.v0"));
        Assert.Equal(7411, manifest.RootElement.GetProperty("resources").GetProperty("cache-11").GetProperty("bindings").GetProperty("tcp").GetProperty("port").GetInt32());
    }

    [Fact]
    public async Task TheSchemaFactsRejectABrokenManifest()
    {
        var broken = JsonNode.Parse(await AppHostPublisher.PublishManifestAsync(_output))!;
        var node = broken["resources"]!["cache-0"]!.AsObject();
        node.Remove("image");
        node["command"] = "redis-server";
        node["bindings"]!["tcp"]!["scheme"] = "redis";
        node["volumes"]![0]!.AsObject().Remove("readOnly");
        broken["resources"]!["cluster-init"]!["env"]!["Cluster__Nodes__0__Endpoint"] = "{cache-9.bindings.tcp.host}:{cache-0.bindings.admin.port}";
        broken["resources"]!["cache-password"]!["inputs"]!["value"]!["type"] = "secret";
        broken["resources"]!["cache-1"]!["args"]![1] = PublishedNode.StartScript;
        using var document = JsonDocument.Parse(broken.ToJsonString());

        var errors = AspireManifestSchema.Validate(document.RootElement);

        Assert.Contains("cache-0: container.v0 requires 'image'", errors);
        Assert.Contains("cache-0.command: container.v0 does not allow this property", errors);
        Assert.Contains("cache-0.bindings.tcp: scheme must be http, https, tcp or udp", errors);
        Assert.Contains(errors, e => e.StartsWith("cache-0.volumes: items need exactly", StringComparison.Ordinal));
        Assert.Contains("{cache-9.bindings.tcp.host}: no resource 'cache-9'", errors);
        Assert.Contains(errors, e => e.StartsWith("{cache-0.bindings.admin.port}", StringComparison.Ordinal));
        Assert.Contains("cache-password.inputs.value: type must be 'string'", errors);
        Assert.Contains(errors, e => e.StartsWith("{REDIS_PASSWORD:?", StringComparison.Ordinal));
        Assert.Equal(7 + 5, errors.Count);
    }

    [Fact]
    public async Task NodesStartWithTheSharedScriptConfigAndPasswordFromTheEnvironment()
    {
        using var manifest = await PublishAsync();
        var containers = Resources(manifest).Where(r => Type(r.Value) == "container.v0").ToList();

        Assert.Equal(NodeNames, containers.Select(r => r.Name));
        Assert.Equal(PublishedNode.RenderConfig(new() { Acl = false }), File.ReadAllText(Path.Combine(_output, PublishedNode.ConfigFileName)));
        for (var i = 0; i < containers.Count; i++)
        {
            var (name, node) = (containers[i].Name, containers[i].Value);
            Assert.Equal("localhost/redisaspire/redis:7.0.15", node.GetProperty("image").GetString());
            Assert.Equal("sh", node.GetProperty("entrypoint").GetString());
            var args = node.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToList();
            Assert.Equal(["-c", PublishedNode.StartScript], args.Select(AspireManifestSchema.Unescape));
            Assert.Empty(AspireManifestSchema.Placeholders(args[1], []));
            var env = node.GetProperty("env");
            Assert.Equal("{cache-password.value}", env.GetProperty("REDIS_PASSWORD").GetString());
            Assert.Equal($"{{{name}.bindings.tcp.targetPort}}", env.GetProperty("REDIS_PORT").GetString());
            Assert.Equal("{cache-announce-ip.value}", env.GetProperty("ANNOUNCE_IP").GetString());
            Assert.Equal($"{{{name}.bindings.tcp.port}}", env.GetProperty("ANNOUNCE_PORT").GetString());
            Assert.Equal($"{{{name}.bindings.bus.port}}", env.GetProperty("ANNOUNCE_BUS_PORT").GetString());
            var bindings = node.GetProperty("bindings");
            Assert.Equal((7000 + i, 7000 + i), (bindings.GetProperty("tcp").GetProperty("port").GetInt32(), bindings.GetProperty("tcp").GetProperty("targetPort").GetInt32()));
            Assert.Equal((17000 + i, 17000 + i), (bindings.GetProperty("bus").GetProperty("port").GetInt32(), bindings.GetProperty("bus").GetProperty("targetPort").GetInt32()));
            var mount = Assert.Single(node.GetProperty("bindMounts").EnumerateArray());
            Assert.Equal(("redis.conf", "/etc/redisaspire/redis.conf", true), (mount.GetProperty("source").GetString(), mount.GetProperty("target").GetString(), mount.GetProperty("readOnly").GetBoolean()));
            var volume = Assert.Single(node.GetProperty("volumes").EnumerateArray());
            Assert.Equal(($"{name}-data", "/data", false), (volume.GetProperty("name").GetString(), volume.GetProperty("target").GetString(), volume.GetProperty("readOnly").GetBoolean()));
        }
    }

    [Fact]
    public async Task ThePasswordIsOneGeneratedSecretParameterAndTheAnnounceAddressIsAskedFor()
    {
        using var manifest = await PublishAsync();
        var parameters = Resources(manifest).Where(r => Type(r.Value) == "parameter.v0").ToDictionary(r => r.Name, r => r.Value);

        Assert.Equal(["cache-announce-ip", "cache-password"], parameters.Keys.Order(StringComparer.Ordinal));
        var password = parameters["cache-password"].GetProperty("inputs").GetProperty("value");
        Assert.True(password.GetProperty("secret").GetBoolean());
        var generate = password.GetProperty("default").GetProperty("generate");
        Assert.True(generate.GetProperty("minLength").GetInt32() >= 32);
        Assert.False(generate.GetProperty("special").GetBoolean());
        var announce = parameters["cache-announce-ip"].GetProperty("inputs").GetProperty("value");
        Assert.False(announce.TryGetProperty("secret", out var secret) && secret.GetBoolean());
        Assert.False(announce.TryGetProperty("default", out _), "the announce address must be asked for, never guessed");
    }

    [Fact]
    public async Task TheConfiguredPasswordAppearsInNoPublishedFile()
    {
        await AppHostPublisher.PublishManifestAsync(_output, "--Parameters:cache-password=" + Password);

        Assert.All(Directory.GetFiles(_output), f => Assert.DoesNotContain(Password, File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProjectsAreAspiresOwnEntriesWithTheNodesAtTheirAnnouncedAddressesAndTheConnectionString()
    {
        using var manifest = await PublishAsync();
        var resources = manifest.RootElement.GetProperty("resources");
        var clusterInit = resources.GetProperty("cluster-init");
        var sampleApi = resources.GetProperty("sample-api");

        Assert.Equal("project.v0", Type(clusterInit));
        Assert.Equal("project.v0", Type(sampleApi));
        Assert.True(File.Exists(Path.Combine(_output, clusterInit.GetProperty("path").GetString()!)));
        Assert.EndsWith("ClusterInit/ClusterInit.csproj", Path.GetFullPath(Path.Combine(_output, clusterInit.GetProperty("path").GetString()!)), StringComparison.Ordinal);
        Assert.EndsWith("SampleApi/SampleApi.csproj", Path.GetFullPath(Path.Combine(_output, sampleApi.GetProperty("path").GetString()!)), StringComparison.Ordinal);
        Assert.Equal("{cache.connectionString}", sampleApi.GetProperty("env").GetProperty("ConnectionStrings__cache").GetString());
        var env = clusterInit.GetProperty("env");
        Assert.Equal("cache-3", env.GetProperty("Cluster__Nodes__3__Name").GetString());
        Assert.Equal("{cache-announce-ip.value}:{cache-3.bindings.tcp.port}", env.GetProperty("Cluster__Nodes__3__Endpoint").GetString());
        Assert.Equal("{cache-3.bindings.bus.port}", env.GetProperty("Cluster__Nodes__3__BusPort").GetString());
        Assert.Equal("{cache-password.value}", env.GetProperty("Cluster__Password").GetString());
        Assert.Equal("http", sampleApi.GetProperty("bindings").GetProperty("http").GetProperty("scheme").GetString());
        var cache = resources.GetProperty("cache");
        Assert.Equal("value.v0", Type(cache));
        var connectionString = cache.GetProperty("connectionString").GetString()!;
        Assert.Equal(NodeNames.Select(n => $"{{cache-announce-ip.value}}:{{{n}.bindings.tcp.port}}"), connectionString.Split(',')[..6]);
        Assert.EndsWith(",password={cache-password.value}", connectionString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterInitIsNeverConfiguredToResetOrFlush()
    {
        using var manifest = await PublishAsync();
        var clusterInit = manifest.RootElement.GetProperty("resources").GetProperty("cluster-init");

        Assert.False(clusterInit.TryGetProperty("args", out _));
        Assert.DoesNotMatch("(?i)reset|flush|force|wipe", clusterInit.GetRawText());
    }

    [Fact]
    public async Task TlsIsRefusedRatherThanPublishedAsPlainText()
    {
        var result = await AppHostPublisher.ManifestAsync(_output, "--Cluster:Tls=true");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Cluster:Tls", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_output, AppHostPublisher.ManifestFileName)));
    }

    [Fact]
    public async Task PublishingAgainGivesTheSameManifest()
    {
        var first = await AppHostPublisher.PublishManifestAsync(_output);

        Assert.Equal(first, await AppHostPublisher.PublishManifestAsync(_output));
    }

    private async Task<JsonDocument> PublishAsync(params string[] settings) => JsonDocument.Parse(await AppHostPublisher.PublishManifestAsync(_output, settings));

    private static IEnumerable<JsonProperty> Resources(JsonDocument manifest) => manifest.RootElement.GetProperty("resources").EnumerateObject();

    private static string? Type(JsonElement resource) => resource.GetProperty("type").GetString();

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }
}
