using RedisAspire.AppHost.Containers;

namespace RedisAspire.AppHost.Options;

/// <summary>Checks the <c>Container</c> section; every message names the key to fix.</summary>
internal static class ContainerOptionsValidator
{
    public static IReadOnlyList<string> Validate(ContainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var runtime = options.Runtime.Trim();
        if (runtime.Length > 0 && Path.GetFileName(runtime) is not ("docker" or "podman"))
        {
            errors.Add($"Container:Runtime '{options.Runtime}' is not supported; use docker or podman (a name on PATH or a full path), or leave it empty to try docker, then podman.");
        }

        ValidateImage(options.Image, errors);
        OptionsValidator.RequirePositive(options.DetectTimeout, "Container:DetectTimeout", errors);
        OptionsValidator.RequirePositive(options.CommandTimeout, "Container:CommandTimeout", errors);
        return errors;
    }

    private static void ValidateImage(string image, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(image) || image.Any(char.IsWhiteSpace))
        {
            errors.Add($"Container:Image '{image}' is not an image name; use a name with a pinned tag, e.g. {ContainerImages.Redis}.");
            return;
        }

        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        var tag = lastSegment.Contains(':', StringComparison.Ordinal) ? lastSegment[(lastSegment.IndexOf(':', StringComparison.Ordinal) + 1)..] : "";
        if (!image.Contains("@sha256:", StringComparison.Ordinal) && (tag.Length == 0 || tag == "latest"))
        {
            errors.Add($"Container:Image '{image}' has no pinned tag; name a version (e.g. {ContainerImages.Redis} or docker.io/library/redis:7.0.15), never latest, so every run uses the same Redis.");
        }
    }
}
