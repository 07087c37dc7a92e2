namespace RedisAspire.Tests.Containers;

/// <summary>One node of an <see cref="UnannouncedCluster"/>.</summary>
/// <param name="Name">Name in ClusterInit's log, <c>node-0</c> … <c>node-5</c>.</param>
/// <param name="ContainerName">The container's name, unique per cluster.</param>
/// <param name="PublishedPort">The client port published on the announce address (the bus port is 10000 higher).</param>
/// <param name="ContainerIp">The container's own address on the test network.</param>
/// <param name="DataDirectory">The host folder mounted at <c>/data</c> (redis.conf, nodes.conf, AOF).</param>
internal sealed record UnannouncedNode(string Name, string ContainerName, int PublishedPort, string ContainerIp, string DataDirectory);
