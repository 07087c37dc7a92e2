using RedisAspire.Hosting.Publishing;

namespace RedisAspire.AppHost.Publishing;

/// <summary>One resource of the model with its environment as the model states it (values unrendered).</summary>
/// <param name="Name">The resource's name: the Compose service and Kubernetes object name.</param>
/// <param name="Environment">Variable names and the model's values (text, expressions, parameters, connection strings), in order.</param>
public sealed record PublishedService(string Name, IReadOnlyList<KeyValuePair<string, object>> Environment)
{
    /// <summary>Reads <paramref name="resource"/>'s environment for publish mode.</summary>
    public static async Task<PublishedService> ReadAsync(IResource resource, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new PublishedService(resource.Name, await PublishedEnvironment.ReadAsync(resource, executionContext, cancellationToken).ConfigureAwait(false));
    }
}
