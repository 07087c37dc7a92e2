using RedisAspire.AppHost.Options;

namespace RedisAspire.AppHost.Topology;

/// <summary>The OpenTelemetry exporter settings AppHost hands to every .NET child (cluster-init, sample-api).</summary>
public static class OtlpEnvironment
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>
    /// Inherited exporter variables a child must not see: <c>Otlp:Endpoint</c> alone decides whether it exports, so an
    /// <c>OTEL_EXPORTER_OTLP_*</c> left in AppHost's own environment cannot turn export on behind its back.
    /// </summary>
    public const string InheritedPrefix = "OTEL_EXPORTER_OTLP_";

    /// <summary>Adds the endpoint and protocol (<c>http/protobuf</c> unless configured) when an endpoint is configured.</summary>
    public static void AddTo(IDictionary<string, string> environment, OtlpOptions options)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsEnabled)
        {
            return;
        }

        environment[EndpointVariable] = options.Endpoint.Trim();
        environment[ProtocolVariable] = string.IsNullOrEmpty(options.Protocol) ? OtlpOptions.HttpProtobuf : options.Protocol;
    }
}
