namespace RedisAspire.AppHost.Options;

/// <summary>Where the children send their telemetry; bound from the <c>Otlp</c> section.</summary>
public sealed class OtlpOptions
{
    public const string SectionName = "Otlp";

    /// <summary>The http/protobuf protocol, the default when <see cref="Endpoint"/> is set.</summary>
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>The gRPC protocol.</summary>
    public const string Grpc = "grpc";

    /// <summary>OTLP collector URL handed to cluster-init and sample-api; empty means no export.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary><see cref="HttpProtobuf"/> or <see cref="Grpc"/>.</summary>
    public string Protocol { get; set; } = HttpProtobuf;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Endpoint);
}
