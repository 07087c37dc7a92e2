namespace RedisAspire.Tests.Infrastructure;

/// <summary>The <see cref="RedisFactAttribute"/> rule for theories: skipped only when the Redis binaries are absent.</summary>
public sealed class RedisTheoryAttribute : TheoryAttribute
{
    public RedisTheoryAttribute()
    {
        Skip = RedisTools.SkipReason;
    }
}
