namespace RedisAspire.AppHost.Publishing;

/// <summary>What <c>publish --format</c> writes.</summary>
public enum PublishFormat
{
    /// <summary><c>docker-compose.yaml</c>, the shared <c>redis.conf</c> and <c>.env</c> (password, announce address).</summary>
    Compose,

    /// <summary>Kubernetes manifests with a <c>kustomization.yaml</c> and the generated <c>redis-password.env</c>.</summary>
    Kubernetes,
}
