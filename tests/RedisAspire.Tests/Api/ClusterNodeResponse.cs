namespace RedisAspire.Tests.Api;

/// <summary>One element of <c>GET /cluster</c>, as the test reads the JSON (independent of SampleApi's own types).</summary>
public sealed record ClusterNodeResponse(string Endpoint, string Role, IReadOnlyList<string> Slots, bool Connected, string? Master);
