using RedisAspire.AppHost.Options;

namespace RedisAspire.AppHost.Topology;

/// <summary>
/// The environment AppHost hands to sample-api: the connection string (with the real password: the environment is the
/// only place it travels, never a command line), its URL and its telemetry settings.
/// </summary>
public static class SampleApiEnvironment
{
    /// <summary>
    /// Inherited variables that would change where sample-api listens or what it connects to behind AppHost's back.
    /// </summary>
    public static IReadOnlyList<string> InheritedPrefixesToDrop { get; } =
        ["ConnectionStrings__", "ConnectionStrings:", "Redis__TlsCaFile", "Redis:TlsCaFile", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS", OtlpEnvironment.InheritedPrefix];

    /// <summary>
    /// Builds <c>ConnectionStrings__&lt;connectionName&gt;</c>, <c>OTEL_SERVICE_NAME</c>, <c>ASPNETCORE_URLS</c>, with
    /// <paramref name="tlsCaPath"/> the CA to validate the nodes against (<c>Redis__TlsCaFile</c>) and, when configured, the
    /// OTLP exporter variables.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Build(
        string resourceName, string connectionName, string connectionString, Uri url, OtlpOptions otlp, string? tlsCaPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceName);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(otlp);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"ConnectionStrings__{connectionName}"] = connectionString,
            ["OTEL_SERVICE_NAME"] = resourceName,
            ["ASPNETCORE_URLS"] = url.GetLeftPart(UriPartial.Authority),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        if (tlsCaPath is not null)
        {
            environment["Redis__TlsCaFile"] = tlsCaPath;
        }

        OtlpEnvironment.AddTo(environment, otlp);
        return environment;
    }
}
