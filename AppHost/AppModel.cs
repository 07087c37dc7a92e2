using RedisAspire.AppHost.Resources;

namespace RedisAspire.AppHost;

/// <summary>The resources of this product's application, as declared (each may be absent in a partial topology).</summary>
internal sealed record AppModel(RedisClusterResource? Cluster, ClusterInitResource? ClusterInit, SampleApiResource? SampleApi);
