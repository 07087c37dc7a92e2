using System.Diagnostics;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>sample-api dying while the application runs is reported, and the rest keeps running.</summary>
public sealed class SampleApiLifetimeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [RedisFact]
    public async Task SampleApiExitAfterStartIsReportedWithItsExitCodeAndLastLines()
    {
        await using var app = await TestApplicationBuilder.Create().StartAsync();
        using var api = Process.GetProcessById(app.App.ProcessIds["sample-api"]);

        api.Kill();
        await WaitUntilAsync(() => app.App.SampleApi.ExitCode is not null);

        Assert.Equal(137, app.App.SampleApi.ExitCode);
        var report = await WaitForLineAsync(app, "[apphost] error: sample-api exited with code 137 while the application was running");
        Assert.Contains("Last lines it printed:", app.Output.Text, StringComparison.Ordinal);
        Assert.Contains("[sample-api]", report + app.Output.Text, StringComparison.Ordinal);
        var unhealthy = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WaitForResourceHealthyAsync("sample-api", Bound));
        Assert.Contains("the process exited with code 137", unhealthy.Message, StringComparison.Ordinal);
        await app.WaitForResourceHealthyAsync("cache", Bound);
        Assert.Equal(6, app.App.ProcessIds.Count);
    }

    private static async Task<string> WaitForLineAsync(TestApplication app, string prefix)
    {
        string? line = null;
        await WaitUntilAsync(() => (line = app.Output.Lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))) is not null);
        return line!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(stopwatch.Elapsed < Bound, $"the condition did not hold within {Bound}");
            await Task.Delay(20);
        }
    }
}
