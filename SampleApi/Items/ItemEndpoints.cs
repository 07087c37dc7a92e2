using Microsoft.AspNetCore.Http.HttpResults;
using RedisAspire.SampleApi.Redis;
using StackExchange.Redis;

namespace RedisAspire.SampleApi.Items;

/// <summary><c>/items/{key}</c>: store, read and delete text values.</summary>
public static class ItemEndpoints
{
    public const int MaxKeyLength = 512;
    public const int MaxBodyBytes = 1024 * 1024;

    public static RouteGroupBuilder MapItems(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/items").WithTags("Items");
        group.MapPut("/{key}", PutAsync);
        group.MapGet("/{key}", GetAsync);
        group.MapDelete("/{key}", DeleteAsync);
        // "/items/" has no key: a problem that says so, rather than 404 or 405.
        group.MapMethods("/", ["PUT", "GET", "DELETE"], () => EmptyKey);
        return group;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PutAsync(string? key, HttpRequest request, IDatabaseAsync redis, CancellationToken cancellationToken)
    {
        if (KeyProblem(key) is { } invalid)
        {
            return invalid;
        }

        var body = await RequestBody.ReadTextAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(
                title: "Body too large", detail: $"The body must be at most {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        await redis.StringSetAsync(key, body, flags: RedisClientExtensions.Routing);
        return TypedResults.NoContent();
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(string? key, IDatabaseAsync redis)
    {
        if (KeyProblem(key) is { } invalid)
        {
            return invalid;
        }

        var value = await redis.StringGetAsync(key, RedisClientExtensions.Routing);
        return value.IsNull
            ? NotFound(key!)
            : TypedResults.Text((string)value!, "text/plain; charset=utf-8");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string? key, IDatabaseAsync redis)
    {
        if (KeyProblem(key) is { } invalid)
        {
            return invalid;
        }

        // Sent again only when it certainly did not run: a second DEL would answer "not found" for the key the first deleted.
        var deleted = await redis.KeyDeleteAsync(key, RedisClientExtensions.Routing | CommandFlags.CommandRetryWriteAccumulating);
        return deleted ? TypedResults.NoContent() : NotFound(key!);
    }

    private static ProblemHttpResult EmptyKey =>
        TypedResults.Problem(title: "Invalid key", detail: "The key must not be empty.", statusCode: StatusCodes.Status400BadRequest);

    private static ProblemHttpResult? KeyProblem(string? key) => key switch
    {
        null or "" => EmptyKey,
        { Length: > MaxKeyLength } => TypedResults.Problem(
            title: "Invalid key", detail: $"The key has {key.Length} characters; at most {MaxKeyLength} are allowed.", statusCode: StatusCodes.Status400BadRequest),
        _ => null,
    };

    private static ProblemHttpResult NotFound(string key) =>
        TypedResults.Problem(title: "Item not found", detail: $"No item has the key '{key}'.", statusCode: StatusCodes.Status404NotFound);
}
