using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Security;

/// <summary>
/// One cluster-enabled node with AppHost's ACL users, of its own: the permission tests run forbidden commands for
/// real, and a wrong permission must not hurt a cluster other tests use. DEBUG is enabled in its config so that DEBUG
/// reaches the ACL check (otherwise Redis refuses it earlier for every user).
/// </summary>
public sealed class AclNodeFixture : IAsyncLifetime
{
    public RedisTestCluster Cluster { get; private set; } = null!;

    public RedisNode Node => Cluster.Nodes[0];

    public async Task InitializeAsync() =>
        Cluster = await RedisTestCluster.StartAsync(new RedisNodeSettings { ExtraConfig = ["enable-debug-command yes"] }, nodeCount: 1);

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
