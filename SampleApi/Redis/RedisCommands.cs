using System.Diagnostics;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using StackExchange.Redis;

namespace RedisAspire.SampleApi.Redis;

/// <summary>
/// Runs one logical Redis command on Aspire's multiplexer and sends it again through a failover (see
/// <see cref="RedisRetry"/>) until <see cref="RedisClientOptions.RetryBudget"/> is spent; then the last error
/// surfaces (503). A command that is not idempotent is sent again only when it certainly did not run.
/// </summary>
public sealed class RedisCommands
{
    private static readonly ResiliencePropertyKey<long> Started = new("redis.command.started");

    private readonly IConnectionMultiplexer _redis;
    private readonly ResiliencePipeline _idempotent;
    private readonly ResiliencePipeline _notIdempotent;

    public RedisCommands(IConnectionMultiplexer redis, IOptions<RedisClientOptions> options)
    {
        _redis = redis;
        _idempotent = Pipeline(options.Value, e => RedisRetry.WasNotRun(e) || RedisRetry.MayHaveRun(e));
        _notIdempotent = Pipeline(options.Value, RedisRetry.WasNotRun);
    }

    public async Task<T> RunAsync<T>(bool idempotent, Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Started, Stopwatch.GetTimestamp());
        try
        {
            return await (idempotent ? _idempotent : _notIdempotent).ExecuteAsync(
                static async (_, state) => await state.command(state.database), context, (command, database: _redis.GetDatabase()));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static ResiliencePipeline Pipeline(RedisClientOptions options, Func<Exception, bool> retry) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } exception
                    && retry(exception)
                    && Stopwatch.GetElapsedTime(args.Context.Properties.GetValue(Started, 0)) + options.RetryDelay < options.RetryBudget),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = options.RetryDelay,
            })
            .Build();
}
