namespace RedisAspire.AppHost.Containers;

/// <summary>How this host runs containers, beyond the deployment itself.</summary>
/// <param name="ExtraArguments">AppHost's defaults for this host (bounded ulimits, user) followed by <c>Container:RunArgs</c>.</param>
/// <param name="SelinuxRelabel">Bind mounts get <c>:Z</c> (SELinux is enforcing on the engine's host).</param>
/// <param name="Owner"><c>&lt;host name&gt;/&lt;pid&gt;</c> of this AppHost (<see cref="ContainerLabels.Owner"/>).</param>
internal sealed record ContainerRunSettings(IReadOnlyList<string> ExtraArguments, bool SelinuxRelabel, string Owner);
