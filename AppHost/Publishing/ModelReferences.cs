using System.Globalization;

namespace RedisAspire.AppHost.Publishing;

/// <summary>What a reference in the model (a parameter, an endpoint property) is in a published file.</summary>
public static class ModelReferences
{
    /// <summary>The port an endpoint property names: the published port (<c>Port</c>) or the container's (<c>TargetPort</c>).</summary>
    public static int Port(EndpointReferenceExpression property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var endpoint = property.Endpoint.Resource.Annotations.OfType<EndpointAnnotation>().Single(a => a.Name == property.Endpoint.EndpointName);
        return property.Property switch
        {
            EndpointProperty.Port => endpoint.Port ?? endpoint.TargetPort ?? throw Unsupported(property),
            EndpointProperty.TargetPort => endpoint.TargetPort ?? endpoint.Port ?? throw Unsupported(property),
            _ => throw Unsupported(property),
        };
    }

    /// <summary>The port as text.</summary>
    public static string PortText(EndpointReferenceExpression property) => Port(property).ToString(CultureInfo.InvariantCulture);

    /// <summary>Variables of the model that name where a service listens; the publishers set their own.</summary>
    public static IReadOnlySet<string> PlatformVariables { get; } = new HashSet<string>(StringComparer.Ordinal) { "HTTP_PORTS", "HTTPS_PORTS", "ASPNETCORE_URLS" };

    /// <summary>The parameter <paramref name="value"/> consists of, when it is exactly one parameter.</summary>
    public static ParameterResource? SingleParameter(object value) => value switch
    {
        ParameterResource parameter => parameter,
        ReferenceExpression { Format: "{0}", ValueProviders: [ParameterResource parameter] } => parameter,
        _ => null,
    };

    /// <summary>The error for a reference a publisher has no rendering for, naming it.</summary>
    public static InvalidOperationException Unsupported(object reference) => new(
        $"The application model refers to {Describe(reference)}, which this publisher cannot write; publish with Aspire's manifest publisher (--publisher manifest) instead.");

    private static string Describe(object reference) => reference switch
    {
        IManifestExpressionProvider expression => expression.ValueExpression,
        IResource resource => resource.Name,
        _ => reference.GetType().Name,
    };
}
