namespace RedisAspire.AppHost;

/// <summary>
/// Runs a project resource from its build output (the executable beside <c>&lt;project&gt;.dll</c>, built with the
/// AppHost) instead of through <c>dotnet run</c>. Measured here: <c>dotnet run</c> added 2–3 s before each project's
/// first line and kept running after its application had exited; the AppHost runs these projects on every start and
/// stop, so the launcher was a large part of both.
/// </summary>
public static class BuildOutputLaunch
{
    /// <summary>Launches <paramref name="builder"/>'s project as <paramref name="assemblyPath"/>'s executable, in the project's folder.</summary>
    public static IResourceBuilder<ProjectResource> RunFromBuildOutput(this IResourceBuilder<ProjectResource> builder, string assemblyPath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(assemblyPath);
        var executable = Path.ChangeExtension(assemblyPath, OperatingSystem.IsWindows() ? ".exe" : null);
        var projectDirectory = builder.Resource.TryGetLastAnnotation<IProjectMetadata>(out var metadata)
            ? Path.GetDirectoryName(metadata.ProjectPath)!
            : Path.GetDirectoryName(assemblyPath)!;
        return builder.WithAnnotation(new ExecutableAnnotation { Command = executable, WorkingDirectory = projectDirectory }, ResourceAnnotationMutationBehavior.Replace);
    }
}
