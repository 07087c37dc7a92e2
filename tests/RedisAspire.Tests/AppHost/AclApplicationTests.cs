using System.Net;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>The whole application with ACL users: state folders from before them, and the switch to turn them off.</summary>
public sealed class AclApplicationTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("redisaspire-acl-").FullName;

    [RedisFact]
    public async Task StateFolderWithTheSinglePasswordOfOlderVersionsKeepsItAsTheApplicationPassword()
    {
        const string Legacy = "password-of-an-older-run";
        File.WriteAllText(Path.Combine(_state, "password"), Legacy + "\n");

        await using var app = await TestApplicationBuilder.Create()
            .WithStateDirectory(_state)
            .WithSetting("Cluster:BasePort", PortBlock.Allocate(6))
            .StartAsync();

        Assert.Equal(Legacy, app.Password);
        Assert.EndsWith(",password=" + Legacy, app.GetConnectionString("cache"), StringComparison.Ordinal);
        Assert.Equal(Legacy, File.ReadAllText(Path.Combine(_state, "password-default")).Trim());
        await AssertRoundTripAsync(app);
        await using var client = await TestRedisClient.ConnectAsync(app.Nodes[0].Host, app.Nodes[0].Port, Legacy);
        Assert.StartsWith("NOPERM", (await client.ExecuteAsync("FLUSHALL")).Text, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task AclOffUsesOnePasswordForEverything()
    {
        await using var app = await TestApplicationBuilder.Create()
            .WithStateDirectory(_state)
            .WithSetting("Cluster:BasePort", PortBlock.Allocate(6))
            .WithSetting("Cluster:Acl", "false")
            .StartAsync();

        Assert.Null(app.AdminUser);
        Assert.Equal(app.Password, app.AdminPassword);
        Assert.Equal(["password-default"], Directory.GetFiles(_state, "password*").Select(Path.GetFileName));
        Assert.Contains(File.ReadAllLines(app.Nodes[0].ConfigPath), l => l.StartsWith("requirepass ", StringComparison.Ordinal));
        await AssertRoundTripAsync(app);
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private static async Task AssertRoundTripAsync(TestApplication app)
    {
        using var http = app.CreateHttpClient("sample-api");
        using var put = await http.PutAsync(new Uri("/items/acl-round-trip", UriKind.Relative), new StringContent("through the default user"));
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("through the default user", await http.GetStringAsync(new Uri("/items/acl-round-trip", UriKind.Relative)));
    }
}
