using System.Text.Json;
using System.Text.Json.Nodes;
using RedisAspire.AppHost.Options;
using RedisAspire.Hosting;
using RedisAspire.AppHost.Publishing;

namespace RedisAspire.Tests.Publishing;

/// <summary>The aspire-8.0 manifest <c>publish --format manifest</c> writes, checked against the schema's facts.</summary>
public sealed class AspireManifestTests
{
    private const string Password = "Configured-Secret-0123456789";

    private static readonly string[] NodeNames = ["redis-0", "redis-1", "redis-2", "redis-3", "redis-4", "redis-5"];

    [Fact]
    public void SatisfiesTheAspire80SchemaFacts()
    {
        using var manifest = Generate();

        Assert.Equal("https://json.schemastore.org/aspire-8.0.json", manifest.RootElement.GetProperty("$schema").GetString());
        Assert.Empty(AspireManifestSchema.Validate(manifest.RootElement));
    }

    [Fact]
    public void SatisfiesTheAspire80SchemaFactsWithTelemetryAndAnotherTopology()
    {
        var json = AspireManifestGenerator.Generate(
            new RedisClusterOptions { Masters = 4, ReplicasPerMaster = 2 }, "img:1", new SampleApiOptions { Port = 0 },
            new OtlpOptions { Endpoint = "http://collector:4318" }, "a.csproj", "b.csproj");
        using var manifest = JsonDocument.Parse(json);

        Assert.Empty(AspireManifestSchema.Validate(manifest.RootElement));
        Assert.Equal(12, Resources(manifest).Count(r => Type(r.Value) == "container.v0"));
    }

    [Fact]
    public void TheSchemaFactsRejectABrokenManifest()
    {
        var broken = JsonNode.Parse(Generate(Options()))!;
        var node = broken["resources"]!["redis-0"]!.AsObject();
        node.Remove("image");
        node["command"] = "redis-server";
        node["bindings"]!["tcp"]!["scheme"] = "redis";
        node["volumes"]![0]!.AsObject().Remove("readOnly");
        broken["resources"]!["cluster-init"]!["env"]!["Cluster__Nodes__0__Endpoint"] = "{redis-9.bindings.tcp.host}:{redis-0.bindings.admin.port}";
        broken["resources"]!["cache-password"]!["inputs"]!["value"]!["type"] = "secret";
        broken["resources"]!["redis-1"]!["args"]![1] = PublishedNode.StartScript;
        using var document = JsonDocument.Parse(broken.ToJsonString());

        var errors = AspireManifestSchema.Validate(document.RootElement);

        Assert.Contains("redis-0: container.v0 requires 'image'", errors);
        Assert.Contains("redis-0.command: container.v0 does not allow this property", errors);
        Assert.Contains("redis-0.bindings.tcp: scheme must be http, https, tcp or udp", errors);
        Assert.Contains(errors, e => e.StartsWith("redis-0.volumes: items need exactly", StringComparison.Ordinal));
        Assert.Contains("{redis-9.bindings.tcp.host}: no resource 'redis-9'", errors);
        Assert.Contains(errors, e => e.StartsWith("{redis-0.bindings.admin.port}", StringComparison.Ordinal));
        Assert.Contains("cache-password.inputs.value: type must be 'string'", errors);
        Assert.Contains(errors, e => e.StartsWith("{REDIS_PASSWORD:?", StringComparison.Ordinal));
        Assert.Equal(7 + 5, errors.Count);
    }

    [Fact]
    public void NodesStartWithTheSharedScriptConfigAndPasswordFromTheEnvironment()
    {
        using var manifest = Generate();
        var containers = Resources(manifest).Where(r => Type(r.Value) == "container.v0").ToList();

        Assert.Equal(NodeNames, containers.Select(r => r.Name));
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
            Assert.Equal($"{7000 + i}", env.GetProperty("REDIS_PORT").GetString());
            Assert.Equal("{announce-ip.value}", env.GetProperty("ANNOUNCE_IP").GetString());
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
    public void ThePasswordIsOneGeneratedSecretParameterTheStartScriptAccepts()
    {
        using var manifest = Generate();
        var parameters = Resources(manifest).Where(r => Type(r.Value) == "parameter.v0").ToDictionary(r => r.Name, r => r.Value);

        Assert.Equal(["announce-ip", "cache-password"], parameters.Keys.Order(StringComparer.Ordinal));
        var password = parameters["cache-password"].GetProperty("inputs").GetProperty("value");
        Assert.True(password.GetProperty("secret").GetBoolean());
        var generate = password.GetProperty("default").GetProperty("generate");
        Assert.True(generate.GetProperty("minLength").GetInt32() >= 32);
        Assert.False(generate.GetProperty("special").GetBoolean());
        var announce = parameters["announce-ip"].GetProperty("inputs").GetProperty("value");
        Assert.False(announce.GetProperty("secret").GetBoolean());
        Assert.False(announce.TryGetProperty("default", out _), "the announce address must be asked for, never guessed");
    }

    [Fact]
    public void TheConfiguredPasswordAppearsNowhere()
    {
        Assert.DoesNotContain(Password, Generate(Options()), StringComparison.Ordinal);
    }

    [Fact]
    public void ProjectsGetTheNodesAtTheirAnnouncedAddressesTheConnectionStringAndServiceNames()
    {
        using var manifest = Generate();
        var resources = manifest.RootElement.GetProperty("resources");
        var clusterInit = resources.GetProperty("cluster-init");
        var sampleApi = resources.GetProperty("sample-api");

        Assert.Equal("project.v0", Type(clusterInit));
        Assert.Equal("../ClusterInit/ClusterInit.csproj", clusterInit.GetProperty("path").GetString());
        Assert.Equal("../SampleApi/SampleApi.csproj", sampleApi.GetProperty("path").GetString());
        Assert.Equal("cluster-init", clusterInit.GetProperty("env").GetProperty("OTEL_SERVICE_NAME").GetString());
        Assert.Equal("sample-api", sampleApi.GetProperty("env").GetProperty("OTEL_SERVICE_NAME").GetString());
        Assert.Equal("{cache.connectionString}", sampleApi.GetProperty("env").GetProperty("ConnectionStrings__cache").GetString());
        Assert.Equal("{announce-ip.value}:{redis-3.bindings.tcp.port}", clusterInit.GetProperty("env").GetProperty("Cluster__Nodes__3__Endpoint").GetString());
        Assert.Equal("{redis-3.bindings.bus.port}", clusterInit.GetProperty("env").GetProperty("Cluster__Nodes__3__BusPort").GetString());
        Assert.Equal("{cache-password.value}", clusterInit.GetProperty("env").GetProperty("Cluster__Password").GetString());
        Assert.Equal("http", sampleApi.GetProperty("bindings").GetProperty("http").GetProperty("scheme").GetString());
        var cache = resources.GetProperty("cache").GetProperty("connectionString").GetString()!;
        Assert.Equal(6, cache.Split(',').Count(e => e.StartsWith("{announce-ip.value}:", StringComparison.Ordinal)));
        Assert.EndsWith(",password={cache-password.value}", cache, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterInitIsNeverConfiguredToResetOrFlush()
    {
        using var manifest = Generate();
        var clusterInit = manifest.RootElement.GetProperty("resources").GetProperty("cluster-init");

        Assert.False(clusterInit.TryGetProperty("args", out _));
        Assert.DoesNotMatch("(?i)reset|flush|force|wipe", clusterInit.GetRawText());
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        Assert.Equal(Generate(Options()), Generate(Options()));
    }

    private static JsonDocument Generate() => JsonDocument.Parse(Generate(Options()));

    private static string Generate(RedisClusterOptions options) =>
        AspireManifestGenerator.Generate(options, "localhost/redisaspire/redis:7.0.15", new SampleApiOptions(), new OtlpOptions(), "../ClusterInit/ClusterInit.csproj", "../SampleApi/SampleApi.csproj");

    private static RedisClusterOptions Options() => new();

    private static IEnumerable<JsonProperty> Resources(JsonDocument manifest) => manifest.RootElement.GetProperty("resources").EnumerateObject();

    private static string? Type(JsonElement resource) => resource.GetProperty("type").GetString();
}
