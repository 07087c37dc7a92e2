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
        group.MapGet("/", GetTopology);
        group.MapGet("/slots/{key}", GetKeySlot);
        return group;
    }

    private static Ok<IReadOnlyList<ClusterNodeView>> GetTopology(IConnectionMultiplexer redis)
    {
        var configuration = ClusterView.Configuration(redis);
        var nodes = redis.GetServers()
            .Select(server =>
            {
                var node = configuration?[server.EndPoint];
                var slots = node?.Slots.Select(FormatRange).ToList() ?? [];
                var master = node?.Parent?.EndPoint?.ToString();
                var role = (node?.IsReplica ?? server.IsReplica) ? "replica" : "master";
                return new ClusterNodeView(server.EndPoint.ToString() ?? "?", role, slots, server.IsConnected, master);
            })
            .OrderBy(n => n.Endpoint, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok<IReadOnlyList<ClusterNodeView>>(nodes);
    }

    private static Ok<KeySlotView> GetKeySlot(string key, IConnectionMultiplexer redis)
    {
        var slot = redis.HashSlot(key);
        var node = ClusterView.Configuration(redis)?.GetBySlot(slot)?.EndPoint?.ToString();
        return TypedResults.Ok(new KeySlotView(key, slot, node));
    }

    private static string FormatRange(SlotRange range) => range.From == range.To
        ? range.From.ToString(CultureInfo.InvariantCulture)
        : $"{range.From.ToString(CultureInfo.InvariantCulture)}-{range.To.ToString(CultureInfo.InvariantCulture)}";
}
