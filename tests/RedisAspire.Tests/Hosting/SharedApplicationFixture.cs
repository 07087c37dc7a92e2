using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Hosting;

/// <summary>
/// One running application shared by the read-only tests of <see cref="SharedApplicationGroup"/>: they may read
/// and write keys, never stop, kill or reconfigure anything (those tests start their own <see cref="TestApplication"/>).
/// Without redis-server nothing starts, and the tests, all <see cref="RedisFactAttribute"/>, are skipped.
/// </summary>
public sealed class SharedApplicationFixture : IAsyncLifetime
{
    private TestApplication? _app;

    public TestApplication App => _app ?? throw new InvalidOperationException(RedisTools.SkipReason ?? "The shared application has not started.");

    public async Task InitializeAsync()
    {
        if (RedisTools.SkipReason is null)
        {
            _app = await TestApplicationBuilder.Create().StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
