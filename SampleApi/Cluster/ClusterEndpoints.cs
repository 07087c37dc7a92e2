using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using RedisAspire.SampleApi.Redis;
using StackExchange.Redis;

namespace RedisAspire.SampleApi.Cluster;

/// <summary><c>/cluster</c>: the topology as the cluster-aware client sees it.</summary>
public static class ClusterEndpoints
{
    public static RouteGroupBuilder MapCluster(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/cluster").WithTags("Cluster");
        group.MapGet("/", GetTopologyAsync);
        group.MapGet("/slots/{key}", GetKeySlotAsync);
        return group;
    }

    private static async Task<Ok<IReadOnlyList<ClusterNodeView>>> GetTopologyAsync(ClusterConnection connection)
    {
        var multiplexer = await connection.GetAsync();
        var servers = multiplexer.GetEndPoints().Select(e => multiplexer.GetServer(e)).ToList();
        var configuration = ClusterView.Configuration(multiplexer);
        var nodes = servers
            .Select(server =>
            {
                var node = configuration?[server.EndPoint];
                var slots = node?.Slots.Select(FormatRange).ToList() ?? [];
                var master = node?.Parent?.EndPoint?.ToString();
                var role = node is null ? (server.IsSlave ? "replica" : "master") : node.IsSlave ? "replica" : "master";
                return new ClusterNodeView(server.EndPoint.ToString() ?? "?", role, slots, server.IsConnected, master);
            })
            .OrderBy(n => n.Endpoint, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok<IReadOnlyList<ClusterNodeView>>(nodes);
    }

    private static async Task<Ok<KeySlotView>> GetKeySlotAsync(string key, ClusterConnection connection)
    {
        var multiplexer = await connection.GetAsync();
        var slot = multiplexer.HashSlot(key);
        var node = ClusterView.OwnerOf(multiplexer, key)?.ToString();
        return TypedResults.Ok(new KeySlotView(key, slot, node));
    }

    private static string FormatRange(SlotRange range) => range.From == range.To
        ? range.From.ToString(CultureInfo.InvariantCulture)
        : $"{range.From.ToString(CultureInfo.InvariantCulture)}-{range.To.ToString(CultureInfo.InvariantCulture)}";
}
