using System.Text.Json.Nodes;
using RedisAspire.AppHost.Options;
using static RedisAspire.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace RedisAspire.AppHost.Publishing.Kubernetes;

/// <summary>
/// Writes the Kubernetes manifests, a <c>kustomization.yaml</c> that turns <see cref="PasswordEnvFile"/> into the Secret,
/// and a <c>.gitignore</c> that keeps the password file out of version control. Apply with <c>kubectl apply -k &lt;dir&gt;</c>.
/// </summary>
public static class KubernetesPublisher
{
    public const string KustomizationFileName = "kustomization.yaml";

    /// <summary>Only written with NodePort access; removed otherwise so a stale copy cannot be applied by hand.</summary>
    public const string ExternalFileName = "redis-external.yaml";

    /// <summary>Writes every file into <paramref name="directory"/> (which exists) and returns their paths.</summary>
    public static IReadOnlyList<string> Write(PublishedApplication application, PublishInputs inputs, string directory)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var errors = KubernetesOptionsValidator.Validate(inputs.Kubernetes, application.Cluster.Options.NodeCount);
        if (errors.Count > 0)
        {
            throw new AppHostException("Invalid configuration:\n  " + string.Join("\n  ", errors));
        }

        var files = Render(new KubernetesTopology(application, inputs.Kubernetes, inputs.Publish, inputs.Otlp));
        var written = new List<string> { PasswordEnvFile.Ensure(directory, inputs.Password) };
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(directory, name);
            PublishingSteps.WriteAtomically(path, text);
            written.Add(path);
        }

        if (inputs.Kubernetes.ExternalAccess != KubernetesExternalAccess.NodePort)
        {
            File.Delete(Path.Combine(directory, ExternalFileName));
        }

        return written;
    }

    /// <summary>Every file but the password file, as (file name, text); pure and deterministic.</summary>
    public static IReadOnlyList<(string Name, string Text)> Render(KubernetesTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var files = new List<(string Name, string Text)>
        {
            ("namespace.yaml", YamlDocuments.Write([RedisServices.Namespace(topology)])),
            ("redis-config.yaml", YamlDocuments.Write([RedisServices.ConfigMap(topology)])),
            ("redis-headless.yaml", YamlDocuments.Write([RedisServices.Headless(topology)])),
            ("redis-statefulset.yaml", YamlDocuments.Write([RedisStatefulSet.Build(topology)])),
            ("redis-pdb.yaml", YamlDocuments.Write([RedisServices.DisruptionBudget(topology)])),
        };
        if (topology.IsNodePort)
        {
            files.Add((ExternalFileName, YamlDocuments.Write(RedisServices.External(topology))));
        }

        files.Add(("cluster-init-job.yaml", YamlDocuments.Write([ClusterInitJob.Build(topology)])));
        files.Add((ClusterInitWatch.FileName, YamlDocuments.Write([ClusterInitWatch.Build(topology)])));
        files.Add(("sample-api.yaml", YamlDocuments.Write([SampleApiManifests.Deployment(topology), SampleApiManifests.Service(topology)])));
        files.Add((KustomizationFileName, YamlDocuments.Write([Kustomization(topology, files.Select(f => f.Name))])));
        files.Add((".gitignore", "# The nodes' password: keep it out of version control.\n" + PasswordEnvFile.FileName + "\n"));
        return files;
    }

    private static JsonObject Kustomization(KubernetesTopology topology, IEnumerable<string> resources) => new()
    {
        ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
        ["kind"] = "Kustomization",
        ["namespace"] = topology.Namespace,
        ["resources"] = Strings(resources),
        ["secretGenerator"] = new JsonArray(new JsonObject
        {
            ["name"] = KubernetesTopology.SecretName,
            ["type"] = "Opaque",
            ["envs"] = Strings([PasswordEnvFile.FileName]),
        }),
        // A stable Secret name: the cluster-init Job's pod template is immutable, so a hashed name would block re-applying.
        ["generatorOptions"] = new JsonObject { ["disableNameSuffixHash"] = true },
    };
}
