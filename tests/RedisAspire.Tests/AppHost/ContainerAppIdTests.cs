using RedisAspire.AppHost.Containers;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>Application ids, container and network names: unique per run, traceable to the state folder.</summary>
public sealed class ContainerAppIdTests
{
    [Fact]
    public void TheSameStateFolderAlwaysGivesTheSameKey()
    {
        var key = ContainerAppId.StateKey("/tmp/state");

        Assert.Matches("^[0-9a-f]{8}$", key);
        Assert.Equal(key, ContainerAppId.StateKey("/tmp/state/"));
        Assert.Equal(key, ContainerAppId.StateKey("/tmp/other/../state"));
        Assert.NotEqual(key, ContainerAppId.StateKey("/tmp/state2"));
    }

    [Fact]
    public void EveryRunGetsItsOwnIdStartingWithTheStateKey()
    {
        var ids = Enumerable.Range(0, 50).Select(_ => ContainerAppId.Create("/tmp/state")).ToList();

        Assert.All(ids, id => Assert.Matches($"^{ContainerAppId.StateKey("/tmp/state")}-[0-9a-f]{{6}}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void NamesCarryThePrefixTheIdAndTheResource()
    {
        Assert.Equal("redisaspire-1a2b3c4d-9f8e7d-redis-0", ContainerAppId.ContainerName("1a2b3c4d-9f8e7d", "redis-0"));
        Assert.Equal("redisaspire-1a2b3c4d-9f8e7d", ContainerAppId.NetworkName("1a2b3c4d-9f8e7d"));
    }

    [Fact]
    public void LabelFilterSelectsTheRunsContainers()
    {
        var deployment = new ContainerDeployment("podman", "1a2b3c4d-9f8e7d", "1a2b3c4d", default, ContainerImages.Redis, null, null, "127.0.0.1", new Dictionary<string, string>());

        Assert.Equal("label=redisaspire.app=1a2b3c4d-9f8e7d", deployment.LabelFilter);
    }

    [Fact]
    public void ContainerStateReadsDockerAndPodmanInspectWithTheOwnerLabel()
    {
        const string Json = """
            [{"Id": "abc", "Name": "/redisaspire-x-redis-0", "State": {"Status": "running", "Running": true},
              "Config": {"Labels": {"redisaspire.app": "x", "redisaspire.owner": "vm/4242"}}},
             {"Id": "def", "Name": "redisaspire-x-redis-1", "State": {"Status": "exited", "Running": false}, "Config": {"Labels": null}}]
            """;

        var states = ContainerState.ParseInspect(Json);

        Assert.Equal(["redisaspire-x-redis-0", "redisaspire-x-redis-1"], states.Select(s => s.Name));
        Assert.Equal([true, false], states.Select(s => s.Running));
        Assert.Equal(("vm", 4242), states[0].Owner);
        Assert.Null(states[1].Owner);
    }
}
