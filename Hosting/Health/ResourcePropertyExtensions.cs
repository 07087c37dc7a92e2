using System.Collections.Immutable;
using Aspire.Hosting.ApplicationModel;

namespace RedisAspire.Hosting.Health;

/// <summary>Helpers for the immutable property list of a resource snapshot.</summary>
internal static class ResourcePropertyExtensions
{
    /// <summary>Replaces the property named like <paramref name="property"/>, or adds it.</summary>
    public static ImmutableArray<ResourcePropertySnapshot> SetItem(this ImmutableArray<ResourcePropertySnapshot> properties, ResourcePropertySnapshot property) =>
        [.. properties.Where(p => p.Name != property.Name), property];
}
