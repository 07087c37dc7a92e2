using Microsoft.AspNetCore.Http.HttpResults;
using RedisAspire.SampleApi.Redis;
using StackExchange.Redis;

namespace RedisAspire.SampleApi.Counters;

/// <summary><c>/counters/{name}/increment</c>: atomic counters.</summary>
public static class CounterEndpoints
{
    public const int MaxNameLength = 512;

    public static RouteGroupBuilder MapCounters(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/counters").WithTags("Counters");
        group.MapPost("/{name}/increment", IncrementAsync);
        return group;
    }

    private static async Task<Results<Ok<CounterValue>, ProblemHttpResult>> IncrementAsync(string name, IDatabaseAsync redis)
    {
        if (name.Length > MaxNameLength)
        {
            return TypedResults.Problem(
                title: "Invalid counter name", detail: $"The name has {name.Length} characters; at most {MaxNameLength} are allowed.", statusCode: StatusCodes.Status400BadRequest);
        }

        var key = $"counters:{name}";

        // INCR is not idempotent: the retry policy sends it again only when it certainly did not run.
        var value = await redis.StringIncrementAsync(key, flags: RedisClientExtensions.Routing);
        return TypedResults.Ok(new CounterValue(name, value));
    }
}
