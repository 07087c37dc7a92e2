namespace RedisAspire.AppHost.Options;

/// <summary>How clients outside the Kubernetes cluster's network reach the Redis nodes.</summary>
public enum KubernetesExternalAccess
{
    /// <summary>Only from inside the cluster: every node announces its pod IP.</summary>
    None,

    /// <summary>
    /// A NodePort Service per pod; every node announces <see cref="KubernetesOptions.NodeAddress"/> and its own node
    /// ports, so MOVED replies, the cluster bus and replication all go through addresses reachable from outside.
    /// </summary>
    NodePort,
}
