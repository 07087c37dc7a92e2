using System.Globalization;
using System.Text.Json.Nodes;
using RedisAspire.AppHost.Topology;
using RedisAspire.Hosting.Publishing;
using static RedisAspire.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace RedisAspire.AppHost.Publishing.Kubernetes;

/// <summary>
/// A container's <c>env</c> from a resource's environment in the application model. A node's announced endpoint is the
/// address the node announces in Kubernetes (<see cref="KubernetesTopology.ManagedEndpoint"/>), its ports the announced
/// ones; the password comes from the Secret (a variable that is just the password reads it directly, any other mentions
/// it as <c>$(REDIS_PASSWORD)</c>, which Kubernetes expands from the Secret variable placed first).
/// </summary>
public static class KubernetesEnvironment
{
    /// <summary>The variable holding the password in containers whose other variables mention it.</summary>
    public const string PasswordVariable = PublishedNode.PasswordVariable;

    /// <summary>
    /// Renders <paramref name="service"/>'s environment for Kubernetes, then adds its service name and, when configured,
    /// the OTLP exporter; <paramref name="defaults"/> are added only where the model sets no value.
    /// </summary>
    public static JsonArray Build(KubernetesTopology topology, PublishedService service, IReadOnlyList<KeyValuePair<string, string>> platform, IReadOnlyList<KeyValuePair<string, string>> defaults)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(defaults);
        var cluster = topology.Application.Cluster;
        var env = new JsonArray();
        var mentionsPassword = false;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in service.Environment)
        {
            if (ModelReferences.PlatformVariables.Contains(name))
            {
                continue;
            }

            names.Add(name);
            if (ModelReferences.SingleParameter(value) == cluster.PasswordParameter)
            {
                env.Add(EnvFromSecret(name));
                continue;
            }

            env.Add(Env(name, PublishedEnvironment.Render(value, Reference, Whole)));
        }

        if (mentionsPassword)
        {
            env.Insert(0, EnvFromSecret(PasswordVariable));
        }

        foreach (var (name, value) in platform.Concat(defaults.Where(d => !names.Contains(d.Key))))
        {
            env.Add(Env(name, value));
        }

        env.Add(Env("OTEL_SERVICE_NAME", service.Name));
        var exporter = new Dictionary<string, string>(StringComparer.Ordinal);
        OtlpEnvironment.AddTo(exporter, topology.Otlp);
        foreach (var (key, value) in exporter.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            env.Add(Env(key, value));
        }

        return env;

        string Reference(object reference)
        {
            switch (reference)
            {
                case ParameterResource parameter when parameter == cluster.PasswordParameter:
                    mentionsPassword = true;
                    return $"$({PasswordVariable})";
                case EndpointReferenceExpression { Endpoint.Resource: IRedisClusterNodeResource node } port:
                    return Text(port.Endpoint.EndpointName == RedisClusterNodeResource.BusEndpointName
                        ? topology.AnnouncedBusPort(node.Node.Index)
                        : topology.AnnouncedPort(node.Node.Index));
                default:
                    throw ModelReferences.Unsupported(reference);
            }
        }

        // A node's announced endpoint (the announce address and its client port) is where the node is managed from.
        string? Whole(object value) =>
            value is ReferenceExpression { ValueProviders: [ParameterResource announce, EndpointReferenceExpression { Endpoint.Resource: IRedisClusterNodeResource node }] }
            && announce == cluster.AnnounceIpParameter
                ? topology.ManagedEndpoint(node.Node.Index)
                : null;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
