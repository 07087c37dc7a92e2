namespace RedisAspire.Tests.Infrastructure;

/// <summary>
/// A fact that needs real <c>redis-server</c> and <c>redis-cli</c> binaries. It is skipped, saying so,
/// only when they are absent from <c>PATH</c>; a binary that is present but misbehaves fails the test.
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        Skip = RedisTools.SkipReason;
    }
}
