using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace RedisAspire.Hosting.Publishing;

/// <summary>
/// A resource's environment as the application model states it in publish mode, for publishers that write formats of
/// their own: the values are what the model holds (text, expressions over endpoints, parameters and connection strings),
/// rendered by the publisher with its own syntax for each reference, so every published format carries the same contract
/// as run mode and Aspire's manifest.
/// </summary>
public static class PublishedEnvironment
{
    /// <summary>Runs <paramref name="resource"/>'s environment callbacks for <paramref name="executionContext"/>, in the order they set the variables.</summary>
    public static async Task<IReadOnlyList<KeyValuePair<string, object>>> ReadAsync(
        IResource resource, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(executionContext);
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        if (resource.TryGetEnvironmentVariables(out var callbacks))
        {
            var context = new EnvironmentCallbackContext(executionContext, resource, values, cancellationToken);
            foreach (var callback in callbacks)
            {
                await callback.Callback(context).ConfigureAwait(false);
            }
        }

        return [.. values];
    }

    /// <summary>
    /// Renders <paramref name="value"/>: text as it is, expressions and connection strings part by part, every other
    /// reference (a parameter, an endpoint property) by <paramref name="reference"/>. <paramref name="whole"/>, when
    /// given, may render any value (an expression included) as a whole first; it returns null to leave it to the rest.
    /// </summary>
    public static string Render(object value, Func<object, string> reference, Func<object, string?>? whole = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(reference);
        if (whole?.Invoke(value) is { } rendered)
        {
            return rendered;
        }

        return value switch
        {
            string text => text,
            ReferenceExpression expression => string.Format(
                CultureInfo.InvariantCulture, expression.Format, [.. expression.ValueProviders.Select(p => (object)Render(p, reference, whole))]),
            ConnectionStringReference connection => Render(connection.Resource.ConnectionStringExpression, reference, whole),
            IResourceWithConnectionString resource => Render(resource.ConnectionStringExpression, reference, whole),
            _ => reference(value),
        };
    }
}
