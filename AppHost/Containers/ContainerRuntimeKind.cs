namespace RedisAspire.AppHost.Containers;

/// <summary>Which engine answers the CLI, told apart by the shape of its <c>info</c> (a <c>docker</c> command may be podman-docker).</summary>
public enum ContainerRuntimeKind
{
    Docker,
    Podman,
}
