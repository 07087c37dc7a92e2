namespace RedisAspire.AppHost.Options;

/// <summary>Checks the <c>Publish</c> section every deployment format and <c>build-app-images</c> read.</summary>
public static class PublishOptionsValidator
{
    /// <summary>Returns one message per problem; empty when the options are valid.</summary>
    public static IReadOnlyList<string> Validate(PublishOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        RequireImage(options.ClusterInitImage, "Publish:ClusterInitImage", errors);
        RequireImage(options.SampleApiImage, "Publish:SampleApiImage", errors);
        return errors;
    }

    /// <summary>Throws <see cref="AppHostException"/> listing every problem.</summary>
    public static void ThrowIfInvalid(PublishOptions options)
    {
        var errors = Validate(options);
        if (errors.Count > 0)
        {
            throw new AppHostException("Invalid configuration:\n  " + string.Join("\n  ", errors));
        }
    }

    // A pinned tag or digest: every container then runs the same build, whichever machine pulls it.
    private static void RequireImage(string? image, string key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(image) || image.Any(char.IsWhiteSpace))
        {
            errors.Add($"{key} must be an image reference without white space (is '{image}').");
        }
        else if (image.EndsWith(":latest", StringComparison.Ordinal) || !image[(image.LastIndexOf('/') + 1)..].Contains(':', StringComparison.Ordinal) && !image.Contains('@', StringComparison.Ordinal))
        {
            errors.Add($"{key} '{image}' must pin a tag or digest other than latest, so every container runs the same build.");
        }
    }
}
