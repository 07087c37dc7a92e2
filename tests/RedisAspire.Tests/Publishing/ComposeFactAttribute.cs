using RedisAspire.Tests.Containers;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Publishing;

/// <summary>
/// A fact that deploys a generated compose project for real on one engine (<c>podman</c> through its API socket, or
/// <c>docker</c>: the Docker engine). Skipped, saying which tool is absent and how CI installs it, only when that engine,
/// <c>docker-compose</c> or the host's Redis (the node image is built from it) is absent. A tool that is present but
/// fails (an engine that is installed but not running included) fails the test.
/// </summary>
public sealed class ComposeFactAttribute : FactAttribute
{
    public ComposeFactAttribute(string engine)
    {
        var missing = engine switch
        {
            "podman" => ContainerRuntimeCli.Podman is null
                ? "podman is not on PATH. CI installs it with `apt-get install -y podman runc` in .ci/run; install it to deploy the compose project through podman."
                : null,
            "docker" => ContainerRuntimeCli.Docker is null
                ? "No Docker engine is installed (no dockerd on PATH, no /var/run/docker.sock). CI installs docker.io and starts dockerd in .ci/run; do the same to deploy the compose project on the Docker engine."
                : null,
            _ => throw new ArgumentException($"Unknown engine '{engine}'.", nameof(engine)),
        };
        Skip = missing ?? RedisTools.SkipReason ?? ComposeProject.SkipReason;
    }
}
