using System.Globalization;
using RedisAspire.AppHost.Options;

namespace RedisAspire.AppHost.Publishing.Kubernetes;

/// <summary>
/// Names and addresses of the published Kubernetes application: a StatefulSet <c>redis</c> whose pods <c>redis-0</c> …
/// are the nodes, each with a stable DNS name through the headless Service, listening on <see cref="RedisPort"/> in its
/// own pod (pods have their own IPs, so <c>Cluster:BasePort</c> does not apply).
/// </summary>
public sealed class KubernetesTopology
{
    /// <summary>The client port every node listens on in its pod; its bus listens on this + 10000.</summary>
    public const int RedisPort = 6379;

    /// <summary>The cluster bus port every node listens on in its pod.</summary>
    public const int RedisBusPort = RedisPort + 10000;

    public const string StatefulSetName = "redis";

    public const string HeadlessServiceName = "redis-headless";

    public const string ConfigMapName = "redis-config";

    public const string SecretName = "redis-password";

    /// <summary>The key of the password in the Secret (and in the generated <c>redis-password.env</c>).</summary>
    public const string SecretKey = "password";

    public const string ClusterInitName = "cluster-init";

    public const string ClusterInitWatchName = "cluster-init-watch";

    public const string SampleApiName = "sample-api";

    public const string PartOf = "redisaspire";

    /// <param name="application">The application model: the cluster, cluster-init's and sample-api's environment.</param>
    /// <param name="options">The <c>Kubernetes</c> section.</param>
    /// <param name="publish">The <c>Publish</c> section: the cluster-init and sample-api images.</param>
    /// <param name="otlp">The <c>Otlp</c> section; an endpoint is handed to cluster-init and sample-api.</param>
    public KubernetesTopology(PublishedApplication application, KubernetesOptions options, PublishOptions publish, OtlpOptions otlp)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(otlp);
        Application = application;
        ClusterInitImage = publish.ClusterInitImage;
        SampleApiImage = publish.SampleApiImage;
        Image = application.Cluster.Options.Image;
        Cluster = application.Cluster.Options;
        Options = options;
        Otlp = otlp;
    }

    /// <summary>The application model the manifests are written from.</summary>
    public PublishedApplication Application { get; }

    public RedisClusterOptions Cluster { get; }

    /// <summary>The node image.</summary>
    public string Image { get; }

    public KubernetesOptions Options { get; }

    /// <summary>Image of cluster-init (Job and watch Deployment) and of the nodes' <c>prepare-node</c> init container.</summary>
    public string ClusterInitImage { get; }

    /// <summary>Image of the sample-api Deployment.</summary>
    public string SampleApiImage { get; }

    public OtlpOptions Otlp { get; }

    public int NodeCount => Cluster.NodeCount;

    public string Namespace => Options.Namespace;

    public bool IsNodePort => Options.ExternalAccess == KubernetesExternalAccess.NodePort;

    /// <summary><c>redis-i</c>: the pod's name, and its resource name in the application.</summary>
    public static string NodeName(int index) => StatefulSetName + "-" + Text(index);

    /// <summary>The pod's stable DNS name through the headless Service.</summary>
    public string NodeHost(int index) => $"{NodeName(index)}.{HeadlessServiceName}.{Namespace}.svc.cluster.local";

    /// <summary>The in-cluster <c>host:port</c> of node <paramref name="index"/>.</summary>
    public string NodeEndpoint(int index) => NodeHost(index) + ":" + Text(RedisPort);

    /// <summary>The client port node <paramref name="index"/> announces: its node port with NodePort access.</summary>
    public int AnnouncedPort(int index) => IsNodePort ? Options.ClientNodePortBase + index : RedisPort;

    /// <summary>The bus port node <paramref name="index"/> announces: its bus node port with NodePort access.</summary>
    public int AnnouncedBusPort(int index) => IsNodePort ? Options.BusNodePortBase + index : RedisBusPort;

    /// <summary>
    /// The endpoint cluster-init manages node <paramref name="index"/> by: the address the node announces (ClusterInit
    /// matches it with what the nodes report), i.e. the pod's DNS name (resolved to its pod IP) or the node address and port.
    /// </summary>
    public string ManagedEndpoint(int index) =>
        IsNodePort ? RedisNode.FormatEndpoint(Options.NodeAddress, AnnouncedPort(index)) : NodeEndpoint(index);

    /// <summary>Labels every object carries; the selector of the nodes' objects adds the component.</summary>
    public static Dictionary<string, string> Labels(string component) => new(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/name"] = component,
        ["app.kubernetes.io/part-of"] = PartOf,
    };

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
