using Microsoft.Extensions.Configuration;
using RedisAspire.AppHost.Options;
using RedisAspire.Hosting.Lifecycle;

namespace RedisAspire.AppHost.Containers;

/// <summary>
/// What container nodes need from the AppHost: the node image (<c>Container:Image</c>, built from this machine's
/// <c>redis-server</c> when missing) and the container runtime, docker or podman: <c>Container:Runtime</c>, else
/// Aspire's own <c>ASPIRE_CONTAINER_RUNTIME</c>, else the first of docker and podman whose <c>info</c> answers. The
/// runtime is looked for only when the nodes may run as containers.
/// </summary>
internal static class NodeContainerSetup
{
    private static readonly string[] RuntimeKeys = ["ASPIRE_CONTAINER_RUNTIME", "DOTNET_ASPIRE_CONTAINER_RUNTIME"];

    public static void Apply(IConfiguration configuration, RedisClusterOptions options)
    {
        var container = AppHostConfiguration.Bind<ContainerOptions>(configuration, ContainerOptions.SectionName);
        options.ContainerImage = container.Image;
        if (!MayRunContainers(options))
        {
            return;
        }

        if (container.Runtime.Trim().Length == 0 && RuntimeKeys.Select(k => configuration[k]).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) is { } aspire)
        {
            container.Runtime = aspire.Trim();
        }

        // The application model is being built, synchronously: the runtime decides which resources the nodes are.
        var (runtime, why) = ContainerRuntimeSelector.SelectWithReasonAsync(container, CancellationToken.None).GetAwaiter().GetResult();
        options.ContainerRuntime = runtime.Kind == ContainerRuntimeKind.Podman ? "podman" : "docker";
        options.ContainerRuntimeReason = why;
        var redisServerPath = options.RedisServerPath;
        options.EnsureContainerImage = (logger, cancellationToken) =>
            ContainerImage.EnsureAsync(new ContainerCli(runtime, container.CommandTimeout, [], logger), container.Image, redisServerPath, logger, cancellationToken);
    }

    private static bool MayRunContainers(RedisClusterOptions options)
    {
        if (options.Runtime != RedisNodeRuntime.Auto)
        {
            return options.Runtime == RedisNodeRuntime.Container;
        }

        try
        {
            RedisServerLocator.Find(options.RedisServerPath);
            return false;
        }
        catch (Aspire.Hosting.DistributedApplicationException)
        {
            return true;
        }
    }
}
