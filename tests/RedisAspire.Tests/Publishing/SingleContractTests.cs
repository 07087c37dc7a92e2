using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using RedisAspire.AppHost.Publishing;
using RedisAspire.Hosting.Publishing;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Publishing;

/// <summary>
/// ClusterInit's configuration is written once, in the application model (<c>WithClusterAdministration</c>): a setting
/// changed there reaches cluster-init in run mode, Aspire's manifest, the Compose project and the Kubernetes Job and
/// watch Deployment alike, and the outputs without it agree too.
/// </summary>
public sealed class SingleContractTests : IDisposable
{
    private const string Variable = "Cluster__ReadyTimeout";
    private const string Changed = "00:02:34";

    private readonly string _output = Path.Combine(Path.GetTempPath(), "redisaspire-contract-" + Guid.NewGuid().ToString("N"));

    [RedisFact]
    public async Task AClusterInitSettingChangedInTheModelChangesEveryOutput()
    {
        var setting = $"--ClusterInit:ReadyTimeout={Changed}";

        var outputs = await OutputsAsync("changed", setting);
        var unchanged = await OutputsAsync("unchanged");

        Assert.All(outputs, o => Assert.True(o.Value == Changed, $"{o.Key}: {Variable} is '{o.Value}', the model says {Changed}"));
        Assert.Equal(["compose", "kubernetes job", "kubernetes watch", "manifest", "run mode"], outputs.Keys.Order(StringComparer.Ordinal));
        Assert.Null(unchanged["run mode"]);
        Assert.Null(unchanged["manifest"]);
        Assert.Null(unchanged["compose"]);
        Assert.Equal("00:03:00", unchanged["kubernetes job"]);
        Assert.Equal("00:03:00", unchanged["kubernetes watch"]);
    }

    [RedisFact]
    public async Task TheNodeListIsTheSameContractInEveryOutput()
    {
        var outputs = await EnvironmentsAsync("nodes", "--Cluster:Masters=4", "--Cluster:BasePort=7500");

        foreach (var (output, environment) in outputs)
        {
            for (var i = 0; i < 8; i++)
            {
                Assert.True(environment.ContainsKey($"Cluster__Nodes__{i}__Endpoint"), $"{output}: no endpoint for node {i}");
                Assert.Equal($"cache-{i}", environment[$"Cluster__Nodes__{i}__Name"]);
            }

            Assert.False(environment.ContainsKey("Cluster__Nodes__8__Endpoint"), $"{output}: a ninth node");
            Assert.Equal("4", environment["Cluster__Masters"]);
        }

        Assert.Equal("127.0.0.1:7503", outputs["run mode"]["Cluster__Nodes__3__Endpoint"]);
        Assert.Equal("{cache-announce-ip.value}:{cache-3.bindings.tcp.port}", outputs["manifest"]["Cluster__Nodes__3__Endpoint"]);
        Assert.Equal("${ANNOUNCE_IP}:7503", outputs["compose"]["Cluster__Nodes__3__Endpoint"]);
        Assert.Equal("redis-3.redis-headless.redisaspire.svc.cluster.local:6379", outputs["kubernetes job"]["Cluster__Nodes__3__Endpoint"]);
    }

    [Fact]
    public async Task ASettingThatWouldOverrideTheContractIsRefusedNamingTheKey()
    {
        var result = await AppHostPublisher.ManifestAsync(Path.Combine(_output, "refused"), "--ClusterInit:Nodes:0:Endpoint=10.0.0.1:7000");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ClusterInit:Nodes:0:Endpoint", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_output, "refused", AppHostPublisher.ManifestFileName)));
    }

    private async Task<Dictionary<string, string?>> OutputsAsync(string name, params string[] settings) =>
        (await EnvironmentsAsync(name, settings)).ToDictionary(e => e.Key, e => e.Value.GetValueOrDefault(Variable));

    // cluster-init's environment as each output states it: run mode (the model's values, references as run mode
    // resolves them), the manifest, the Compose service, the Kubernetes Job and watch Deployment.
    private async Task<Dictionary<string, Dictionary<string, string>>> EnvironmentsAsync(string name, params string[] settings)
    {
        var directory = Path.Combine(_output, name);
        var manifest = JsonDocument.Parse(await AppHostPublisher.PublishManifestAsync(Path.Combine(directory, "manifest"), settings));
        Assert.Equal(0, AppHostPublisher.Step(PublishingSteps.Compose, Path.Combine(directory, "compose"), [.. settings, "--Publish:AnnounceIp=192.0.2.10"]));
        Assert.Equal(0, AppHostPublisher.Step(PublishingSteps.Kubernetes, Path.Combine(directory, "kubernetes"), settings));
        var compose = YamlNodes.LoadSingle(Path.Combine(directory, "compose", "docker-compose.yaml")).At("services.cluster-init.environment").TextMap();
        return new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal)
        {
            ["run mode"] = await RunModeEnvironmentAsync(Path.Combine(directory, "state"), settings),
            ["manifest"] = manifest.RootElement.GetProperty("resources").GetProperty("cluster-init").GetProperty("env")
                .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal),
            ["compose"] = compose,
            ["kubernetes job"] = KubernetesEnvironment(Path.Combine(directory, "kubernetes", "cluster-init-job.yaml"), "spec.template.spec.containers"),
            ["kubernetes watch"] = KubernetesEnvironment(Path.Combine(directory, "kubernetes", "cluster-init-watch.yaml"), "spec.template.spec.containers"),
        };
    }

    // The AppHost's model built for run mode (not started): cluster-init's environment, expressions over endpoints
    // rendered with the endpoints' configured host and port (which run mode binds, proxyless).
    private static async Task<Dictionary<string, string>> RunModeEnvironmentAsync(string stateDirectory, string[] settings)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [.. settings, $"--AppHost:StateDirectory={stateDirectory}", "--AppHost:Runtime=process"]);
        await using var app = await builder.BuildAsync();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var clusterInit = model.Resources.Single(r => r.Name == "cluster-init");
        var environment = await PublishedEnvironment.ReadAsync(clusterInit, app.Services.GetRequiredService<DistributedApplicationExecutionContext>(), CancellationToken.None);
        return environment.ToDictionary(e => e.Key, e => PublishedEnvironment.Render(e.Value, RunModeValue), StringComparer.Ordinal);
    }

    private static string RunModeValue(object reference) => reference switch
    {
        EndpointReferenceExpression { Property: EndpointProperty.Host } host => host.Endpoint.Resource.Annotations.OfType<EndpointAnnotation>().Single(a => a.Name == host.Endpoint.EndpointName).TargetHost,
        EndpointReferenceExpression port => ModelReferences.PortText(port),
        ParameterResource parameter => $"<{parameter.Name}>",
        _ => reference.ToString() ?? "",
    };

    private static Dictionary<string, string> KubernetesEnvironment(string file, string containers) =>
        YamlNodes.LoadSingle(file).At(containers).Items().Single().Get("env").Items()
            .Where(e => e.Has("value"))
            .ToDictionary(e => e.Get("name").Text(), e => e.Get("value").Text(), StringComparer.Ordinal);

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }
}
