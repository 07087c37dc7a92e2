namespace RedisAspire.AppHost.Options;

/// <summary>How AppHost runs the Redis nodes (<c>AppHost:Runtime</c>).</summary>
public enum AppHostRuntime
{
    /// <summary>Pick the best available runtime; today that is <see cref="Process"/>.</summary>
    Auto,

    /// <summary><c>redis-server</c> processes on this machine.</summary>
    Process,

    /// <summary>Containers through docker or podman; not supported yet.</summary>
    Container,
}
