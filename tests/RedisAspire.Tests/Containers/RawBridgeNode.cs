namespace RedisAspire.Tests.Containers;

/// <summary>One node of a <see cref="RawBridgeCluster"/>.</summary>
/// <param name="Name">Resource name, <c>redis-0</c> … <c>redis-5</c>.</param>
/// <param name="ContainerName">The container's name, unique per cluster.</param>
/// <param name="PublishedPort">The client port published on the network's gateway.</param>
/// <param name="PublishedBusPort">The cluster bus port published on the gateway.</param>
/// <param name="ContainerIp">The container's own address on the test network.</param>
/// <param name="DataDirectory">The host folder mounted at <c>/data</c> (redis.conf, nodes.conf, AOF).</param>
public sealed record RawBridgeNode(
    string Name, string ContainerName, int PublishedPort, int PublishedBusPort, string ContainerIp, string DataDirectory);
