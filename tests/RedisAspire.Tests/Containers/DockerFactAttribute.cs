namespace RedisAspire.Tests.Containers;

/// <summary>A <see cref="ContainerRuntimeFactAttribute"/> on a Docker engine.</summary>
public sealed class DockerFactAttribute(bool networkNamespace = false) : ContainerRuntimeFactAttribute("docker", networkNamespace);
