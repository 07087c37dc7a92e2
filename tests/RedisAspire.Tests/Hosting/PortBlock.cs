using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Hosting;

/// <summary>
/// A block of consecutive node ports (<c>Cluster:BasePort</c> … + count − 1) from <see cref="PortAllocator"/>, which
/// hands out free ports (client and bus) but does not promise they are consecutive.
/// </summary>
public static class PortBlock
{
    private const int Attempts = 50;

    /// <summary>Returns the first port of <paramref name="count"/> consecutive free client ports (their bus ports free too).</summary>
    public static int Allocate(int count)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var ports = PortAllocator.Allocate(count);
            if (ports.Select((port, i) => port - i).Distinct().Count() == 1)
            {
                return ports[0];
            }
        }

        throw new InvalidOperationException($"PortAllocator gave no {count} consecutive free ports in {Attempts} attempts.");
    }
}
