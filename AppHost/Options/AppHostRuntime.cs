namespace RedisAspire.AppHost.Options;

/// <summary>How AppHost runs the Redis nodes (<c>AppHost:Runtime</c>).</summary>
public enum AppHostRuntime
{
    /// <summary>Containers when docker or podman answers <c>info</c> (within <c>Container:DetectTimeout</c>), else processes.</summary>
    Auto,

    /// <summary><c>redis-server</c> processes on this machine.</summary>
    Process,

    /// <summary>Containers through the docker or podman CLI (<c>Container</c> section); fails when neither answers.</summary>
    Container,
}
