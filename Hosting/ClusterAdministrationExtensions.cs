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
    public static IResourceBuilder<T> WithClusterAdministration<T>(this IResourceBuilder<T> builder, IResourceBuilder<RedisClusterResource> cluster)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cluster);
        var resource = cluster.Resource;
        builder.WithEnvironment(context =>
        {
            foreach (var node in resource.Nodes)
            {
                var prefix = string.Create(CultureInfo.InvariantCulture, $"Cluster__Nodes__{node.Node.Index}__");
                context.EnvironmentVariables[prefix + "Name"] = node.Name;
                context.EnvironmentVariables[prefix + "Endpoint"] = node.AnnouncedEndpoint;
                context.EnvironmentVariables[prefix + "BusPort"] = node.BusEndpoint.Property(EndpointProperty.Port);
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
}
