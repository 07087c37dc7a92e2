using RedisAspire.Hosting.Publishing;
using Microsoft.Extensions.Configuration;
using RedisAspire.AppHost.Options;
using RedisAspire.ClusterInit.Options;
using RedisAspire.Cluster.Topology;
using YamlDotNet.RepresentationModel;

namespace RedisAspire.Tests.Publishing;

/// <summary>What the <c>publish-kubernetes</c> step writes from the application model, read back with an independent YAML parser.</summary>
public sealed class KubernetesManifestTests : IDisposable
{
    private const string Password = "Kubernetes-Secret-0123456789";

    private readonly KubernetesOutput _output = new("--Parameters:cache-password=" + Password);

    [Fact]
    public void KustomizationListsEveryManifestAndBuildsTheSecretFromThePasswordFile()
    {
        Assert.Equal(0, _output.ExitCode);
        var kustomization = YamlNodes.LoadSingle(_output.PathOf("kustomization.yaml"));

        Assert.Equal("Kustomization", kustomization.Get("kind").Text());
        Assert.Equal("redisaspire", kustomization.Get("namespace").Text());
        var manifests = _output.YamlFiles.Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal);
        Assert.Equal(manifests, kustomization.Get("resources").Texts().Order(StringComparer.Ordinal));
        var generator = Assert.Single(kustomization.Get("secretGenerator").Items());
        Assert.Equal("redis-password", generator.Get("name").Text());
        Assert.Equal(["redis-password.env"], generator.Get("envs").Texts());
        Assert.Equal("true", kustomization.At("generatorOptions.disableNameSuffixHash").Text());
        Assert.Contains("redis-password.env", File.ReadAllLines(_output.PathOf(".gitignore")));
    }

    [Fact]
    public void StatefulSetRunsSixNodesWithStableNamesPersistentDataAndParallelStart()
    {
        var set = StatefulSet();
        var headless = YamlNodes.LoadSingle(_output.PathOf("redis-headless.yaml"));

        Assert.Equal(6, set.At("spec.replicas").Int());
        Assert.Equal("Parallel", set.At("spec.podManagementPolicy").Text());
        Assert.Equal(headless.At("metadata.name").Text(), set.At("spec.serviceName").Text());
        Assert.Equal("None", headless.At("spec.clusterIP").Text());
        Assert.Equal("true", headless.At("spec.publishNotReadyAddresses").Text());
        Assert.Equal(set.At("spec.template.metadata.labels").TextMap(), headless.At("spec.selector").TextMap());
        Assert.Equal(set.At("spec.selector.matchLabels").TextMap(), set.At("spec.template.metadata.labels").TextMap());
        var claim = Assert.Single(set.At("spec.volumeClaimTemplates").Items());
        Assert.Equal(["ReadWriteOnce"], claim.At("spec.accessModes").Texts());
        Assert.Equal("1Gi", claim.At("spec.resources.requests.storage").Text());
        var mounts = Redis(set).Get("volumeMounts");
        Assert.Equal("/data", mounts.Named(claim.At("metadata.name").Text()).Get("mountPath").Text());
        Assert.Equal("/tmp", mounts.Named("tmp").Get("mountPath").Text());
        Assert.Equal("Memory", set.At("spec.template.spec.volumes").Named("tmp").At("emptyDir.medium").Text());
    }

    [Fact]
    public void NodesStartWithTheSharedScriptAndConfigAndAnnounceTheirPodIp()
    {
        var redis = Redis(StatefulSet());
        var env = redis.Get("env");
        var config = YamlNodes.LoadSingle(_output.PathOf("redis-config.yaml"));

        Assert.Equal(PublishedNode.Command, redis.Get("command").Texts());
        Assert.Equal("status.podIP", env.Named("POD_IP").At("valueFrom.fieldRef.fieldPath").Text());
        Assert.Equal("$(POD_IP)", env.Named("ANNOUNCE_IP").Get("value").Text());
        Assert.Equal("6379", env.Named("REDIS_PORT").Get("value").Text());
        Assert.DoesNotContain(env.Items(), e => e.Get("name").Text() is "ANNOUNCE_PORT" or "ANNOUNCE_BUS_PORT");
        Assert.Equal([6379, 16379], redis.Get("ports").Items().Select(p => p.Get("containerPort").Int()));
        Assert.Equal(PublishedNode.RenderConfig(new()), config.Get("data").Get("redis.conf").Text());
        Assert.Equal("/etc/redisaspire", redis.Get("volumeMounts").Named("config").Get("mountPath").Text());
        Assert.Equal("true", redis.Get("volumeMounts").Named("config").Get("readOnly").Text());
        Assert.Contains("appendonly yes", config.Get("data").Get("redis.conf").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void ThePasswordIsReferencedFromTheSecretAndWrittenOnlyToTheEnvFile()
    {
        var references = _output.YamlFiles.SelectMany(YamlNodes.LoadAll).SelectMany(Descendants)
            .OfType<YamlMappingNode>().Where(m => m.Has("secretKeyRef") || (m.Has("name") && m.Get("name") is YamlScalarNode { Value: "REDIS_PASSWORD" or "Cluster__Password" })).ToList();

        Assert.NotEmpty(references);
        Assert.All(references.Where(r => r.Has("name") && r.Get("name") is YamlScalarNode), r =>
        {
            Assert.False(r.Has("value"), $"{r.Get("name").Text()} has an inline value");
            Assert.Equal("redis-password", r.At("valueFrom.secretKeyRef.name").Text());
            Assert.Equal("password", r.At("valueFrom.secretKeyRef.key").Text());
        });
        Assert.All(System.IO.Directory.GetFiles(_output.Directory).Where(f => !f.EndsWith("redis-password.env", StringComparison.Ordinal)), f =>
            Assert.DoesNotContain(Password, File.ReadAllText(f), StringComparison.Ordinal));
        Assert.Equal($"password={Password}\n", File.ReadAllText(_output.PathOf("redis-password.env")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_output.PathOf("redis-password.env")));
        }
    }

    [Fact]
    public void ProbesAuthenticateThroughTheEnvironmentNeverOnACommandLine()
    {
        var redis = Redis(StatefulSet());

        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            var command = redis.At(probe + ".exec.command").Texts();
            Assert.Equal(["sh", "-c"], command.Take(2));
            Assert.Contains("REDISCLI_AUTH=\"$REDIS_PASSWORD\"", command[2], StringComparison.Ordinal);
            Assert.DoesNotContain(" -a ", command[2], StringComparison.Ordinal);
            Assert.DoesNotContain("AUTH ", command[2], StringComparison.Ordinal);
            Assert.True(redis.At(probe + ".periodSeconds").Int() > 0);
        }

        Assert.Contains("[ \"$reply\" = PONG ]", redis.At("readinessProbe.exec.command").Texts()[2], StringComparison.Ordinal);
    }

    [Fact]
    public void AnInitContainerRunsPrepareNodeOnThePodsOwnNodesConf()
    {
        var spec = StatefulSet().At("spec.template.spec");
        var init = Assert.Single(spec.Get("initContainers").Items());

        Assert.Equal("prepare-node", init.Get("name").Text());
        Assert.Equal("localhost/redisaspire/cluster-init:1.0.0", init.Get("image").Text());
        Assert.False(init.Has("command"), "the image's entrypoint (ClusterInit) must receive the arguments");
        Assert.Equal(["prepare-node", "--node", "/data/nodes.conf=$(POD_IP):6379@16379"], init.Get("args").Texts());
        Assert.Equal("status.podIP", init.Get("env").Named("POD_IP").At("valueFrom.fieldRef.fieldPath").Text());
        Assert.Equal("/data", init.Get("volumeMounts").Named("data").Get("mountPath").Text());
    }

    [Fact]
    public void PodsPreferDifferentKubernetesNodes()
    {
        var set = StatefulSet();
        var term = Assert.Single(set.At("spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution").Items());

        Assert.Equal("kubernetes.io/hostname", term.At("podAffinityTerm.topologyKey").Text());
        Assert.Equal(set.At("spec.template.metadata.labels").TextMap(), term.At("podAffinityTerm.labelSelector.matchLabels").TextMap());
    }

    [Fact]
    public void ClusterInitJobGetsEveryNodeByItsStableDnsNameAndBindsToClusterInitsOptions()
    {
        var job = YamlNodes.LoadSingle(_output.PathOf("cluster-init-job.yaml"));
        var container = Assert.Single(job.At("spec.template.spec.containers").Items());
        var values = container.Get("env").Items().Where(e => e.Has("value"))
            .ToDictionary(e => e.Get("name").Text().Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Get("value").Text());
        values["Cluster:Password"] = Password;

        var options = new ClusterOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(ClusterOptions.SectionName).Bind(options);

        Assert.Empty(ClusterOptionsValidator.Validate(options));
        Assert.Equal(
            Enumerable.Range(0, 6).Select(i => $"redis-{i}.redis-headless.redisaspire.svc.cluster.local:6379"),
            options.Nodes.Select(n => n.Endpoint));
        Assert.All(options.Nodes, n => Assert.True(NodeEndpoint.TryParse(n.Endpoint, out _, out var error), error));
        Assert.All(options.Nodes, n => Assert.Equal(16379, n.BusPort));
        Assert.Equal("Never", job.At("spec.template.spec.restartPolicy").Text());
        Assert.InRange(job.At("spec.backoffLimit").Int(), 1, 10);
        Assert.True(job.At("spec.ttlSecondsAfterFinished").Int() > 0);
    }

    [Fact]
    public void ClusterInitIsNeverConfiguredToResetOrFlush()
    {
        var job = YamlNodes.LoadSingle(_output.PathOf("cluster-init-job.yaml"));
        var container = Assert.Single(job.At("spec.template.spec.containers").Items());
        var text = File.ReadAllText(_output.PathOf("cluster-init-job.yaml"));

        Assert.False(container.Has("args"), "cluster-init runs with no arguments: form or repair, nothing else");
        Assert.False(container.Has("command"));
        Assert.DoesNotMatch("(?i)reset|flush|force|wipe", text);
    }

    [Fact]
    public void ClusterInitWatchIsOneUnprobedWatcherWithTheJobsImageAndEnvironmentAndIsApplied()
    {
        var job = Assert.Single(YamlNodes.LoadSingle(_output.PathOf("cluster-init-job.yaml")).At("spec.template.spec.containers").Items());
        var watch = YamlNodes.LoadSingle(_output.PathOf("cluster-init-watch.yaml"));
        var container = Assert.Single(watch.At("spec.template.spec.containers").Items());
        var text = File.ReadAllText(_output.PathOf("cluster-init-watch.yaml"));

        Assert.Equal("Deployment", watch.Get("kind").Text());
        Assert.Equal(1, watch.At("spec.replicas").Int());
        Assert.Equal("Recreate", watch.At("spec.strategy.type").Text());
        Assert.Equal(watch.At("spec.selector.matchLabels").TextMap(), watch.At("spec.template.metadata.labels").TextMap());
        Assert.NotEqual(job.Get("name").Text(), container.Get("name").Text());
        Assert.Equal(["--watch"], container.Get("args").Texts());
        Assert.False(container.Has("command"), "the image's entrypoint (ClusterInit) must receive --watch");
        Assert.Equal(job.Get("image").Text(), container.Get("image").Text());
        Assert.Equal(Serialize(job.Get("env")), Serialize(container.Get("env")));
        Assert.False(container.Has("livenessProbe") || container.Has("readinessProbe") || container.Has("startupProbe"));
        Assert.True(container.At("resources.limits").Has("memory"));
        Assert.True(container.At("resources.requests").Has("cpu"));
        Assert.DoesNotMatch("(?i)reset|flush|force|wipe", text);
        Assert.Contains("cluster-init-watch.yaml", YamlNodes.LoadSingle(_output.PathOf("kustomization.yaml")).Get("resources").Texts());
    }

    [Fact]
    public void SampleApiIsADeploymentWithHealthProbesAConnectionStringByReferenceAndAService()
    {
        var documents = YamlNodes.LoadAll(_output.PathOf("sample-api.yaml"));
        var deployment = Assert.Single(documents, d => d.Get("kind").Text() == "Deployment");
        var service = Assert.Single(documents, d => d.Get("kind").Text() == "Service");
        var container = Assert.Single(deployment.At("spec.template.spec.containers").Items());
        var env = container.Get("env");
        var names = env.Items().Select(e => e.Get("name").Text()).ToList();

        Assert.Equal("/health", container.At("readinessProbe.httpGet.path").Text());
        Assert.Equal("/alive", container.At("livenessProbe.httpGet.path").Text());
        var connection = env.Named("ConnectionStrings__cache").Get("value").Text();
        Assert.Equal(6, connection.Split(',').Count(e => e.EndsWith(".redis-headless.redisaspire.svc.cluster.local:6379", StringComparison.Ordinal)));
        Assert.EndsWith(",password=$(REDIS_PASSWORD)", connection, StringComparison.Ordinal);
        Assert.True(names.IndexOf("REDIS_PASSWORD") < names.IndexOf("ConnectionStrings__cache"), "Kubernetes expands only variables defined earlier");
        Assert.Equal("8080", env.Named("ASPNETCORE_HTTP_PORTS").Get("value").Text());
        Assert.Equal(deployment.At("spec.template.metadata.labels").TextMap(), service.At("spec.selector").TextMap());
        Assert.Equal("http", Assert.Single(service.At("spec.ports").Items()).Get("targetPort").Text());
    }

    [Fact]
    public void DisruptionBudgetAllowsOneNodeDown()
    {
        var budget = YamlNodes.LoadSingle(_output.PathOf("redis-pdb.yaml"));

        Assert.Equal("PodDisruptionBudget", budget.Get("kind").Text());
        Assert.Equal(1, budget.At("spec.maxUnavailable").Int());
        Assert.Equal(StatefulSet().At("spec.template.metadata.labels").TextMap(), budget.At("spec.selector.matchLabels").TextMap());
    }

    [Fact]
    public void EveryNamespacedObjectLivesInTheConfiguredNamespace()
    {
        using var output = new KubernetesOutput("--Kubernetes:Namespace=cache-prod");
        var objects = output.YamlFiles.Where(f => !f.EndsWith("kustomization.yaml", StringComparison.Ordinal)).SelectMany(YamlNodes.LoadAll).ToList();

        Assert.Equal(0, output.ExitCode);
        Assert.Equal("cache-prod", Assert.Single(objects, o => o.Get("kind").Text() == "Namespace").At("metadata.name").Text());
        Assert.All(objects.Where(o => o.Get("kind").Text() != "Namespace"), o => Assert.Equal("cache-prod", o.At("metadata.namespace").Text()));
        Assert.Contains("redis-0.redis-headless.cache-prod.svc.cluster.local:6379", File.ReadAllText(output.PathOf("cluster-init-job.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void PublishingAgainKeepsThePasswordFileAndRefusesToReplaceIt()
    {
        using var output = new KubernetesOutput();
        var first = File.ReadAllText(output.PathOf("redis-password.env"));

        Assert.Equal(0, output.Publish());
        Assert.Equal(first, File.ReadAllText(output.PathOf("redis-password.env")));
        Assert.Matches("^password=[0-9a-f]{64}\n$", first);
        Assert.Equal(1, output.Publish("--Parameters:cache-password=Another-Secret-42"));
        Assert.Equal(first, File.ReadAllText(output.PathOf("redis-password.env")));
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        using var again = new KubernetesOutput("--Parameters:cache-password=" + Password);

        Assert.All(_output.YamlFiles, f => Assert.Equal(File.ReadAllText(f), File.ReadAllText(again.PathOf(Path.GetFileName(f)))));
    }

    [Theory]
    [InlineData("Namespace", "Not_A_Label", "Kubernetes:Namespace")]
    [InlineData("StorageSize", "lots", "Kubernetes:StorageSize")]
    [InlineData("ExternalAccess", "NodePort", "Kubernetes:NodeAddress")]
    public void InvalidKubernetesSettingsExitWithOneAndNameTheKey(string key, string value, string named)
    {
        var options = new ConfigurationBuilder().AddInMemoryCollection([new($"Kubernetes:{key}", value)]).Build()
            .GetSection(KubernetesOptions.SectionName).Get<KubernetesOptions>()!;
        using var output = new KubernetesOutput($"--Kubernetes:{key}={value}");

        Assert.Contains(KubernetesOptionsValidator.Validate(options, 6), e => e.Contains(named, StringComparison.Ordinal));
        Assert.Equal(1, output.ExitCode);
        Assert.False(File.Exists(output.PathOf("redis-statefulset.yaml")));
        Assert.False(File.Exists(output.PathOf("redis-password.env")));
    }

    private YamlMappingNode StatefulSet() => YamlNodes.LoadSingle(_output.PathOf("redis-statefulset.yaml"));

    private static YamlNode Redis(YamlNode set) => set.At("spec.template.spec.containers").Named("redis");

    private static IEnumerable<YamlNode> Descendants(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.Values.SelectMany(Descendants).Prepend(map),
        YamlSequenceNode list => list.Children.SelectMany(Descendants).Prepend(list),
        _ => [node],
    };

    public void Dispose() => _output.Dispose();

    // The node's content as text, independent of how it was laid out.
    private static string Serialize(YamlNode node) => node switch
    {
        YamlScalarNode scalar => "'" + scalar.Value + "'",
        YamlSequenceNode list => "[" + string.Join(",", list.Children.Select(Serialize)) + "]",
        YamlMappingNode map => "{" + string.Join(",", map.Children.Select(c => Serialize(c.Key) + ":" + Serialize(c.Value))) + "}",
        _ => throw new ArgumentException($"Unexpected node {node.NodeType}."),
    };
}
