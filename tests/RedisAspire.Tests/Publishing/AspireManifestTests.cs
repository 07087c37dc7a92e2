using System.Text.Json;
using System.Text.RegularExpressions;
using RedisAspire.AppHost.Options;
using RedisAspire.AppHost.Publishing;

namespace RedisAspire.Tests.Publishing;

/// <summary>The aspire-8.0 manifest <c>publish --format manifest</c> writes, checked against the schema's facts.</summary>
public sealed partial class AspireManifestTests
{
    private const string Password = "Configured-Secret-0123456789";

    private static readonly string[] NodeNames = ["redis-0", "redis-1", "redis-2", "redis-3", "redis-4", "redis-5"];

    [Fact]
    public void DeclaresTheAspire80SchemaAndOnlyKnownResourceTypes()
    {
        using var manifest = Generate();
        var root = manifest.RootElement;

        Assert.Equal("https://json.schemastore.org/aspire-8.0.json", root.GetProperty("$schema").GetString());
        foreach (var resource in root.GetProperty("resources").EnumerateObject())
        {
            // aspire-8.0: every resource has a type; each type has its required properties.
            var type = resource.Value.GetProperty("type").GetString();
            string[] required = type switch
            {
                "container.v0" => ["image"],
                "project.v0" => ["path"],
                "parameter.v0" => ["value", "inputs"],
                "value.v0" => ["connectionString"],
                _ => throw new Xunit.Sdk.XunitException($"{resource.Name} has a type the manifest does not use: {type}"),
            };
            Assert.All(required, p => Assert.True(resource.Value.TryGetProperty(p, out _), $"{resource.Name} lacks {p}"));
        }
    }

    [Fact]
    public void HasSixNodeContainersWithClientAndBusBindingsAndADataVolume()
    {
        using var manifest = Generate();
        var containers = Resources(manifest).Where(r => Type(r.Value) == "container.v0").ToList();

        Assert.Equal(NodeNames, containers.Select(r => r.Name));
        for (var i = 0; i < containers.Count; i++)
        {
            var node = containers[i].Value;
            Assert.Equal("localhost/redisaspire/redis:7.0.15", node.GetProperty("image").GetString());
            var bindings = node.GetProperty("bindings");
            Assert.Equal(7000 + i, bindings.GetProperty("tcp").GetProperty("targetPort").GetInt32());
            Assert.Equal(17000 + i, bindings.GetProperty("bus").GetProperty("targetPort").GetInt32());
            Assert.All(bindings.EnumerateObject(), b => Assert.Equal("tcp", b.Value.GetProperty("protocol").GetString()));
            Assert.Equal("/data", node.GetProperty("volumes")[0].GetProperty("target").GetString());
            var args = node.GetProperty("args").EnumerateArray().Select(a => a.GetString()).ToList();
            Assert.Equal("yes", args[args.IndexOf("--cluster-enabled") + 1]);
            Assert.Equal("yes", args[args.IndexOf("--appendonly") + 1]);
            Assert.Equal("{cache-password.value}", args[args.IndexOf("--requirepass") + 1]);
            Assert.Equal("{cache-password.value}", args[args.IndexOf("--masterauth") + 1]);
        }
    }

    [Fact]
    public void ThePasswordIsOneGeneratedSecretParameter()
    {
        using var manifest = Generate();
        var parameters = Resources(manifest).Where(r => Type(r.Value) == "parameter.v0").ToList();

        var parameter = Assert.Single(parameters);
        Assert.Equal("cache-password", parameter.Name);
        var input = parameter.Value.GetProperty("inputs").GetProperty("value");
        Assert.Equal("string", input.GetProperty("type").GetString());
        Assert.True(input.GetProperty("secret").GetBoolean());
        Assert.True(input.GetProperty("default").GetProperty("generate").GetProperty("minLength").GetInt32() >= 32);
    }

    [Fact]
    public void TheConfiguredPasswordAppearsNowhere()
    {
        var json = AspireManifestGenerator.Generate(Options(), "localhost/redisaspire/redis:7.0.15", new SampleApiOptions(), new OtlpOptions(), "../ClusterInit/ClusterInit.csproj", "../SampleApi/SampleApi.csproj");

        Assert.DoesNotContain(Password, json, StringComparison.Ordinal);
    }

    [Fact]
    public void ProjectsGetTheConnectionStringNodesAndServiceNames()
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
        Assert.All(new[] { clusterInit, sampleApi }, p => Assert.Equal("{cache.connectionString}", p.GetProperty("env").GetProperty("ConnectionStrings__cache").GetString()));
        Assert.Equal("{redis-3.bindings.tcp.host}:{redis-3.bindings.tcp.port}", clusterInit.GetProperty("env").GetProperty("Cluster__Nodes__3__Endpoint").GetString());
        Assert.Equal("{cache-password.value}", clusterInit.GetProperty("env").GetProperty("Cluster__Password").GetString());
        Assert.Equal("http", sampleApi.GetProperty("bindings").GetProperty("http").GetProperty("scheme").GetString());
        var cache = resources.GetProperty("cache").GetProperty("connectionString").GetString()!;
        Assert.Equal(6, cache.Split(',').Count(e => e.EndsWith(".bindings.tcp.port}", StringComparison.Ordinal)));
        Assert.EndsWith(",password={cache-password.value}", cache, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPlaceholderResolvesToAnExistingResourceAndProperty()
    {
        var json = AspireManifestGenerator.Generate(Options(), "img:1", new SampleApiOptions(), new OtlpOptions(), "a.csproj", "b.csproj");
        using var manifest = JsonDocument.Parse(json);
        var resources = manifest.RootElement.GetProperty("resources");

        var placeholders = Placeholder().Matches(json).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(placeholders);
        Assert.All(placeholders, placeholder =>
        {
            var parts = placeholder.Split('.');
            Assert.True(resources.TryGetProperty(parts[0], out var resource), $"{{{placeholder}}} names no resource");
            var type = Type(resource);
            switch (parts[1..])
            {
                case ["bindings", var binding, "host" or "port" or "targetPort" or "url"]:
                    Assert.True(resource.GetProperty("bindings").TryGetProperty(binding, out _), $"{{{placeholder}}}: no binding {binding}");
                    break;
                case ["value"] or ["inputs", "value"]:
                    Assert.Equal("parameter.v0", type);
                    break;
                case ["connectionString"]:
                    Assert.True(resource.TryGetProperty("connectionString", out _), $"{{{placeholder}}}: no connection string");
                    break;
                default:
                    throw new Xunit.Sdk.XunitException($"{{{placeholder}}} is not a placeholder the manifest format knows");
            }
        });
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        Assert.Equal(Generate(Options()), Generate(Options()));
    }

    private static JsonDocument Generate() => JsonDocument.Parse(Generate(Options()));

    private static string Generate(RedisClusterOptions options) =>
        AspireManifestGenerator.Generate(options, "localhost/redisaspire/redis:7.0.15", new SampleApiOptions(), new OtlpOptions(), "../ClusterInit/ClusterInit.csproj", "../SampleApi/SampleApi.csproj");

    private static RedisClusterOptions Options() => new() { Password = Password };

    private static IEnumerable<JsonProperty> Resources(JsonDocument manifest) => manifest.RootElement.GetProperty("resources").EnumerateObject();

    private static string? Type(JsonElement resource) => resource.GetProperty("type").GetString();

    [GeneratedRegex(@"\{([A-Za-z0-9-]+\.[A-Za-z0-9.]+)\}")]
    private static partial Regex Placeholder();
}
