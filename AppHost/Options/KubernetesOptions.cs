namespace RedisAspire.AppHost.Options;

/// <summary>What the <c>publish-kubernetes</c> step writes; bound from the <c>Kubernetes</c> section.</summary>
public sealed class KubernetesOptions
{
    public const string SectionName = "Kubernetes";

    /// <summary>Namespace of every object; the manifests create it.</summary>
    public string Namespace { get; set; } = "redisaspire";

    /// <summary>Kubernetes <c>imagePullPolicy</c> of every container: <c>IfNotPresent</c>, <c>Always</c> or <c>Never</c>.</summary>
    public string ImagePullPolicy { get; set; } = "IfNotPresent";

    /// <summary>Size of each node's persistent volume claim for /data (nodes.conf and AOF).</summary>
    public string StorageSize { get; set; } = "1Gi";

    /// <summary>Storage class of the claims; empty uses the cluster's default class.</summary>
    public string StorageClass { get; set; } = "";

    /// <summary>Number of sample-api pods.</summary>
    public int SampleApiReplicas { get; set; } = 2;

    /// <summary>Port sample-api listens on inside its pod.</summary>
    public int SampleApiPort { get; set; } = 8080;

    /// <summary>Access from outside the Kubernetes network; <see cref="KubernetesExternalAccess.None"/> by default.</summary>
    public KubernetesExternalAccess ExternalAccess { get; set; } = KubernetesExternalAccess.None;

    /// <summary>With NodePort access: the IP address of a Kubernetes node (or a load balancer in front of the nodes) every Redis node announces.</summary>
    public string NodeAddress { get; set; } = "";

    /// <summary>With NodePort access: node i's client port is this + i.</summary>
    public int ClientNodePortBase { get; set; } = 31000;

    /// <summary>With NodePort access: node i's cluster bus port is this + i.</summary>
    public int BusNodePortBase { get; set; } = 31100;
}
