using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace RedisAspire.Hosting;

/// <summary>Makes a resource the administrator of a Redis Cluster: the one that forms, repairs and verifies it.</summary>
public static class ClusterAdministrationExtensions
{
    /// <summary>
    /// Gives <paramref name="builder"/> (ClusterInit) the cluster through its environment — the contract ClusterInit binds
    /// from its <c>Cluster</c> section: every node's name, endpoint and bus port (<c>Cluster__Nodes__{i}__…</c>), the
    /// expected shape, the administrator's user and password (never on a command line) and, with TLS, the CA to trust.
    /// The cluster's Repair and Take over commands run it again. It starts with the nodes and waits for them itself
    /// (bounded, reporting the nodes that do not answer): no Aspire wait on the nodes, because a repair is needed
    /// precisely when one of them is down, and a wait on a stopped node would keep the administrator from starting.
    /// </summary>
    /// <param name="builder">The administrator (ClusterInit).</param>
    /// <param name="cluster">The cluster it administers.</param>
    /// <param name="settings">
    /// More of ClusterInit's <c>Cluster</c> settings (e.g. <c>ReadyTimeout</c>, <c>NodesTimeout</c>, <c>WatchInterval</c>),
    /// handed over as <c>Cluster__&lt;key&gt;</c> in every mode and every published format. The keys this method sets
    /// itself (the nodes, the shape, the credentials, TLS, a takeover) are refused.
    /// </param>
    /// <exception cref="DistributedApplicationException">A setting names a key this method owns.</exception>
    public static IResourceBuilder<T> WithClusterAdministration<T>(
        this IResourceBuilder<T> builder, IResourceBuilder<RedisClusterResource> cluster, IEnumerable<KeyValuePair<string, string?>>? settings = null)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cluster);
        var resource = cluster.Resource;
        var extra = AdministrationSettings(settings);
        builder.WithEnvironment(context =>
        {
            foreach (var node in resource.Nodes)
            {
                var prefix = string.Create(CultureInfo.InvariantCulture, $"Cluster__Nodes__{node.Node.Index}__");
                context.EnvironmentVariables[prefix + "Name"] = node.Name;
                context.EnvironmentVariables[prefix + "Endpoint"] = node.AnnouncedEndpoint;
                context.EnvironmentVariables[prefix + "BusPort"] = node.BusEndpoint.Property(EndpointProperty.Port);
            }

            foreach (var (key, value) in extra)
            {
                context.EnvironmentVariables["Cluster__" + key] = value;
            }

            context.EnvironmentVariables["Cluster__Masters"] = resource.Options.Masters.ToString(CultureInfo.InvariantCulture);
            context.EnvironmentVariables["Cluster__ReplicasPerMaster"] = resource.Options.ReplicasPerMaster.ToString(CultureInfo.InvariantCulture);
            if (resource.AdminUser is { } user)
            {
                context.EnvironmentVariables["Cluster__User"] = user;
            }

            context.EnvironmentVariables["Cluster__Password"] = resource.AdminPasswordParameter;
            if (resource.PendingTakeover is { } takeover)
            {
                // One run only: the Take over command asked for it; the next run is a normal one again.
                context.EnvironmentVariables["Cluster__Takeover"] = takeover;
                resource.PendingTakeover = null;
            }

            if (resource.TlsCaPath is { } caPath)
            {
                context.EnvironmentVariables["Cluster__Tls"] = "true";
                context.EnvironmentVariables["Cluster__TlsCaFile"] = caPath;
            }
        });

        resource.Administrator = builder.Resource;
        return builder.WithRelationship(resource, "Administers");
    }

    private static readonly string[] OwnedKeys = ["Nodes", "Masters", "ReplicasPerMaster", "User", "Password", "Tls", "TlsCaFile", "Takeover"];

    // Leaf settings only, their configuration path (A:B) as an environment name (A__B), in a stable order.
    private static List<KeyValuePair<string, string>> AdministrationSettings(IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in settings ?? [])
        {
            if (value is null)
            {
                continue;
            }

            var root = key.Split(':')[0];
            if (OwnedKeys.Contains(root, StringComparer.OrdinalIgnoreCase))
            {
                throw new DistributedApplicationException(
                    $"ClusterInit:{key}: the cluster administration contract sets Cluster:{root} from the cluster itself; remove this setting.");
            }

            result.Add(KeyValuePair.Create(key.Replace(":", "__", StringComparison.Ordinal), value));
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return result;
    }
}
