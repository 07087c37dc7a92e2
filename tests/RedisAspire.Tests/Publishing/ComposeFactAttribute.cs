using RedisAspire.Tests.Containers;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Publishing;

/// <summary>
/// A fact that deploys a generated compose project for real. Skipped, saying which tool is absent and how CI installs
/// it, only when there is no container runtime, no <c>docker-compose</c> or no host Redis (the node image is built from
/// it). A tool that is present but fails fails the test.
/// </summary>
public sealed class ComposeFactAttribute : FactAttribute
{
    public ComposeFactAttribute()
    {
        Skip = ContainerRuntimeCli.SkipReason ?? RedisTools.SkipReason ?? ComposeProject.SkipReason;
    }
}
