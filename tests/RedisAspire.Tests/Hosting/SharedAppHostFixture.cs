using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Hosting;

/// <summary>
/// One running application shared by the tests of <see cref="AppHostGroup"/> that only read and write keys; tests that
/// stop, kill or reconfigure anything start their own. Without redis-server nothing starts, and those tests, all
/// <see cref="RedisFactAttribute"/>, are skipped.
/// </summary>
public sealed class SharedAppHostFixture : IAsyncLifetime
{
    private TestAppHost? _app;

    public TestAppHost App => _app ?? throw new InvalidOperationException(RedisTools.SkipReason ?? "The shared application has not started.");

    public async Task InitializeAsync()
    {
        if (RedisTools.SkipReason is null)
        {
            _app = await TestAppHostBuilder.Create().StartAsync();
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
