namespace RedisAspire.Tests.Publishing;

/// <summary>Every document the <c>publish-kubernetes</c> step writes, validated against the Kubernetes OpenAPI schemas.</summary>
public sealed class KubernetesSchemaValidationTests
{
    [KubernetesValidatorFact]
    public async Task EveryManifestIsValidAgainstTheKubernetesSchemas()
    {
        using var output = new KubernetesOutput();
        var results = await KubernetesValidator.ValidateAsync(Manifests(output));

        Assert.Equal(0, output.ExitCode);
        Assert.All(results, r => Assert.True(r.Valid, $"{Path.GetFileName(r.File)} {r.Kind} {r.Name}: {r.Error}"));
        Assert.Equal(
            ["ConfigMap", "Deployment", "Deployment", "Job", "Namespace", "PodDisruptionBudget", "Service", "Service", "StatefulSet"],
            results.Select(r => r.Kind!).Order(StringComparer.Ordinal));
    }

    [KubernetesValidatorFact]
    public async Task ManifestsWithNodePortAccessAreValidAgainstTheKubernetesSchemas()
    {
        using var output = new KubernetesOutput("--Kubernetes:ExternalAccess=NodePort", "--Kubernetes:NodeAddress=192.0.2.10");
        var results = await KubernetesValidator.ValidateAsync(Manifests(output));

        Assert.Equal(0, output.ExitCode);
        Assert.All(results, r => Assert.True(r.Valid, $"{Path.GetFileName(r.File)} {r.Kind} {r.Name}: {r.Error}"));
        Assert.Equal(9 + 6, results.Count);
    }

    [KubernetesValidatorFact]
    public async Task TheValidatorRejectsABrokenStatefulSet()
    {
        using var output = new KubernetesOutput();
        var broken = output.PathOf("broken.yaml");
        // The generated StatefulSet with a replica count that is not an integer and its selector renamed away.
        File.WriteAllText(broken, File.ReadAllText(output.PathOf("redis-statefulset.yaml"))
            .Replace("  replicas: 6\n", "  replicas: six\n", StringComparison.Ordinal)
            .Replace("  selector:\n", "  selectors:\n", StringComparison.Ordinal));

        var result = Assert.Single(await KubernetesValidator.ValidateAsync([broken]));

        Assert.False(result.Valid);
        Assert.Contains("replicas must be integer", result.Error, StringComparison.Ordinal);
        Assert.Contains("must have required property selector", result.Error, StringComparison.Ordinal);
    }

    // Everything kubectl applies; kustomization.yaml is kustomize's own file, checked in KubernetesManifestTests.
    private static IEnumerable<string> Manifests(KubernetesOutput output) =>
        output.YamlFiles.Where(f => Path.GetFileName(f) != "kustomization.yaml");
}
