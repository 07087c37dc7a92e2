using System.Text.Json;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Publishing;

/// <summary>
/// Runs <c>k8s-validator/validate.js</c> with node: every document is checked against the Kubernetes OpenAPI schemas
/// bundled in the <c>kubernetes-models</c> npm package (installed by <c>npm ci</c> in that folder).
/// </summary>
public static class KubernetesValidator
{
    private static readonly Lazy<string?> Node = new(() => ExecutableLocator.Find("node"));
    private static readonly Lazy<string?> Folder = new(FindFolder);

    /// <summary>Why validation cannot run here, or <see langword="null"/> when node and the installed package are present.</summary>
    public static string? SkipReason =>
        Node.Value is null ? "node is absent: it was not found on PATH. Install Node.js (apt-get install -y nodejs npm) to validate the Kubernetes manifests."
        : Folder.Value is null ? "tests/RedisAspire.Tests/Publishing/k8s-validator was not found above the test assembly."
        : !Directory.Exists(Path.Combine(Folder.Value, "node_modules", "kubernetes-models"))
            ? $"kubernetes-models is not installed: run `npm ci` in {Folder.Value} (CI does)."
            : null;

    /// <summary>One result per YAML document, in file order.</summary>
    public static async Task<IReadOnlyList<ValidationResult>> ValidateAsync(IEnumerable<string> files)
    {
        var result = await ChildProcess.RunAsync(
            Node.Value!, [Path.Combine(Folder.Value!, "validate.js"), .. files], TimeSpan.FromMinutes(2), workingDirectory: Folder.Value);
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var results = lines.Select(l => JsonSerializer.Deserialize<ValidationResult>(l, Json)!).ToList();
        Assert.Equal(result.ExitCode == 0, results.All(r => r.Valid));
        return results;
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private static string? FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "RedisAspire.Tests", "Publishing", "k8s-validator");
            if (File.Exists(Path.Combine(candidate, "validate.js")))
            {
                return candidate;
            }
        }

        return null;
    }
}
