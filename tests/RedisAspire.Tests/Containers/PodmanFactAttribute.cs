namespace RedisAspire.Tests.Containers;

/// <summary>A <see cref="ContainerRuntimeFactAttribute"/> on podman.</summary>
public sealed class PodmanFactAttribute(bool networkNamespace = false) : ContainerRuntimeFactAttribute("podman", networkNamespace);
