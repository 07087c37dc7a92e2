using System.Net;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>The whole application with ACL users: state folders from before them, and the switch to turn them off.</summary>
[Collection(AppHostGroup.Name)]
public sealed class AclApplicationTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("redisaspire-acl-").FullName;

    [RedisFact]
    public async Task StateFolderOfAnEarlierVersionKeepsItsApplicationPasswordForTheAppUserAndTheDefaultUserIsOff()
    {
        const string Earlier = "password-of-an-earlier-run";
        File.WriteAllText(Path.Combine(_state, "password-default"), Earlier + "\n");

        await using var app = await TestAppHostBuilder.Create().WithStateDirectory(_state).StartAsync();

        Assert.Equal(Earlier, app.Password);
        Assert.EndsWith(",user=app,password=" + Earlier, await app.GetConnectionStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Earlier + "\n", File.ReadAllText(Path.Combine(_state, "password-default")));
        await AssertRoundTripAsync(app);
        await using var client = await TestRedisClient.ConnectAsync(app.Nodes[0].Host, app.Nodes[0].Port, Earlier, user: "app");
        Assert.StartsWith("NOPERM", (await client.ExecuteAsync("FLUSHALL")).Text, StringComparison.Ordinal);
        var withoutUser = await Assert.ThrowsAsync<InvalidOperationException>(() => TestRedisClient.ConnectAsync(app.Nodes[0].Host, app.Nodes[0].Port, Earlier));
        Assert.Contains("WRONGPASS", withoutUser.Message, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task AclOffUsesOnePasswordForEverything()
    {
        await using var app = await TestAppHostBuilder.Create().WithStateDirectory(_state).WithSetting("Cluster:Acl", "false").StartAsync();

        Assert.Equal(["password-app"], Directory.GetFiles(_state, "password*").Select(Path.GetFileName));
        Assert.DoesNotContain("user=", await app.GetConnectionStringAsync(), StringComparison.Ordinal);
        Assert.Contains(File.ReadAllLines(app.Nodes[0].ConfigPath), l => l.StartsWith("requirepass ", StringComparison.Ordinal));
        Assert.DoesNotContain(File.ReadAllLines(app.Nodes[0].ConfigPath), l => l.StartsWith("user ", StringComparison.Ordinal));
        await AssertRoundTripAsync(app);
        var check = await app.ExecuteCommandAsync("cache", "redis-cluster-check");
        Assert.True(check.Success, check.Message);
    }

    [RedisFact]
    public async Task ConfiguredPasswordParameterIsTheApplicationPasswordAndIsNeverStored()
    {
        const string Configured = "configured-through-the-parameter";

        await using var app = await TestAppHostBuilder.Create().WithStateDirectory(_state).WithSetting("Parameters:cache-password", Configured).StartAsync();

        Assert.EndsWith(",user=app,password=" + Configured, await app.GetConnectionStringAsync(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_state, "password-app")));
        await using var client = await TestRedisClient.ConnectAsync(app.Nodes[0].Host, app.Nodes[0].Port, Configured, user: "app");
        Assert.Equal("PONG", (await client.ExecuteAsync("PING")).Text);
        await AssertRoundTripAsync(app);
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private static async Task AssertRoundTripAsync(TestAppHost app)
    {
        using var http = app.CreateHttpClient("sample-api");
        using var put = await http.PutAsync(new Uri("/items/acl-round-trip", UriKind.Relative), new StringContent("through the application user"));
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("through the application user", await http.GetStringAsync(new Uri("/items/acl-round-trip", UriKind.Relative)));
    }
}
