using System.Globalization;
using RedisAspire.AppHost.Options;

namespace RedisAspire.AppHost.Topology;

/// <summary>
/// The environment AppHost hands to cluster-init: the contract with ClusterInit, which binds the <c>Cluster</c>
/// section. The admin password travels only here, never on a command line.
/// </summary>
public static class ClusterInitEnvironment
{
    /// <summary>
    /// Builds <c>Cluster__Nodes__{i}__Name/Endpoint/BusPort</c>, masters, replicas, the admin user and its password and service settings, and
    /// with <paramref name="tlsCaPath"/> TLS and the CA to trust, and the OTLP exporter variables when <paramref name="otlp"/> has an endpoint.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Build(
        string resourceName, RedisClusterOptions options, IReadOnlyList<RedisNode> nodes, ClusterCredentials credentials, OtlpOptions otlp, string? tlsCaPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceName);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(otlp);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var prefix = $"Cluster__Nodes__{Text(node.Index)}__";
            environment[prefix + "Name"] = node.Name;
            environment[prefix + "Endpoint"] = node.Endpoint;
            environment[prefix + "BusPort"] = Text(node.BusPort);
        }

        environment["Cluster__Masters"] = Text(options.Masters);
        environment["Cluster__ReplicasPerMaster"] = Text(options.ReplicasPerMaster);
        if (credentials.AdminUser is { } user)
        {
            environment["Cluster__User"] = user;
        }

        environment["Cluster__Password"] = credentials.AdminAuthPassword;
        if (tlsCaPath is not null)
        {
            environment["Cluster__Tls"] = "true";
            environment["Cluster__TlsCaFile"] = tlsCaPath;
        }

        environment["OTEL_SERVICE_NAME"] = resourceName;
        environment["DOTNET_ENVIRONMENT"] = "Production";
        OtlpEnvironment.AddTo(environment, otlp);
        return environment;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
