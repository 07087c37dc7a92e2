namespace RedisAspire.SampleApi.Cluster;

/// <summary>One node as the client sees it.</summary>
public sealed record ClusterNodeView(string Endpoint, string Role, IReadOnlyList<string> Slots, bool Connected, string? Master);
