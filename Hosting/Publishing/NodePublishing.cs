using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Publishing;

namespace RedisAspire.Hosting.Publishing;

/// <summary>
/// How a node of a <see cref="RedisClusterResource"/> is published. Its environment in the model is the start
/// script's contract (<see cref="PublishedNode"/>): the password by reference to its secret parameter, the container's
/// port, the announce address parameter and the announced ports, the published client and bus ports (1:1). Aspire's
/// manifest publisher gets a <c>container.v0</c> entry from it; the Compose and Kubernetes publishers read the same
/// environment.
/// </summary>
public static class NodePublishing
{
    /// <summary>Gives <paramref name="node"/> the start script's environment and its manifest entry.</summary>
    internal static void Configure(IResourceBuilder<RedisClusterNodeResource> node)
    {
        var resource = node.Resource;
        var cluster = resource.Cluster;
        var announceIp = cluster.AnnounceIpParameter
            ?? throw new InvalidOperationException($"{cluster.Name}: the announce address parameter is created before the nodes in publish mode.");
        node.WithEnvironment(PublishedNode.PasswordVariable, ReferenceExpression.Create($"{cluster.PasswordParameter}"))
            .WithEnvironment(PublishedNode.PortVariable, ReferenceExpression.Create($"{resource.ClientEndpoint.Property(EndpointProperty.TargetPort)}"))
            .WithEnvironment(PublishedNode.AnnounceIpVariable, ReferenceExpression.Create($"{announceIp}"))
            .WithEnvironment(PublishedNode.AnnouncePortVariable, ReferenceExpression.Create($"{resource.ClientEndpoint.Property(EndpointProperty.Port)}"))
            .WithEnvironment(PublishedNode.AnnounceBusPortVariable, ReferenceExpression.Create($"{resource.BusEndpoint.Property(EndpointProperty.Port)}"))
            .WithManifestPublishingCallback(context => WriteManifestAsync(context, resource));
    }

    /// <summary>The named volume holding a node's <see cref="PublishedNode.DataDirectory"/> (nodes.conf and the AOF).</summary>
    public static string VolumeName(IRedisClusterNodeResource node) => node.Name + "-data";

    // container.v0: the image, "sh -c <start script>" (braces doubled: the manifest reads single ones as references),
    // the model's environment, client and bus bindings published 1:1, the shared redis.conf written beside the manifest
    // and mounted read-only, a volume for /data.
    private static async Task WriteManifestAsync(ManifestPublishingContext context, RedisClusterNodeResource node)
    {
        var writer = context.Writer;
        writer.WriteString("type", "container.v0");
        writer.WriteString("image", node.Cluster.Options.Image);
        writer.WriteString("entrypoint", PublishedNode.Command[0]);
        writer.WriteStartArray("args");
        foreach (var argument in PublishedNode.Command.Skip(1))
        {
            writer.WriteStringValue(argument.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
        }

        writer.WriteEndArray();
        await context.WriteEnvironmentVariablesAsync(node).ConfigureAwait(false);
        writer.WriteStartObject("bindings");
        foreach (var endpoint in node.Annotations.OfType<EndpointAnnotation>())
        {
            writer.WriteStartObject(endpoint.Name);
            writer.WriteString("scheme", "tcp");
            writer.WriteString("protocol", "tcp");
            writer.WriteString("transport", "tcp");
            writer.WriteNumber("port", endpoint.Port ?? 0);
            writer.WriteNumber("targetPort", endpoint.TargetPort ?? 0);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        var directory = Path.GetDirectoryName(Path.GetFullPath(context.ManifestPath!))!;
        var config = Path.Combine(directory, PublishedNode.ConfigFileName);
        await File.WriteAllTextAsync(config, PublishedNode.RenderConfig(node.Cluster.Options), context.CancellationToken).ConfigureAwait(false);
        WriteMounts(writer, "bindMounts", "source", context.GetManifestRelativePath(config)!, PublishedNode.ConfigPath, readOnly: true);
        WriteMounts(writer, "volumes", "name", VolumeName(node), PublishedNode.DataDirectory, readOnly: false);
    }

    private static void WriteMounts(Utf8JsonWriter writer, string property, string sourceProperty, string source, string target, bool readOnly)
    {
        writer.WriteStartArray(property);
        writer.WriteStartObject();
        writer.WriteString(sourceProperty, source);
        writer.WriteString("target", target);
        writer.WriteBoolean("readOnly", readOnly);
        writer.WriteEndObject();
        writer.WriteEndArray();
    }
}
