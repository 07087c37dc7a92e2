using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Api;

/// <summary><c>/counters/{name}/increment</c> is atomic under concurrency.</summary>
[Collection(FormedClusterGroup.Name)]
public sealed class CounterApiTests(FormedClusterFixture fixture)
{
    private const int Increments = 50;

    [RedisFact]
    public async Task FiftyConcurrentIncrementsEachReturnADistinctValue()
    {
        var name = $"visits-{Guid.NewGuid():N}";
        var uri = new Uri($"counters/{name}/increment", UriKind.Relative);

        var values = await Task.WhenAll(Enumerable.Range(0, Increments).Select(async _ =>
        {
            using var response = await fixture.Http.PostAsync(uri, content: null);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var counter = await response.Content.ReadFromJsonAsync<CounterResponse>();
            Assert.Equal(name, counter?.Name);
            return counter!.Value;
        }));

        Assert.Equal(Enumerable.Range(1, Increments).Select(i => (long)i), values.Order());
        var location = await KeyLocation.FindAsync(fixture.Cluster, $"counters:{name}");
        var stored = await location.MasterNode(fixture.Cluster).ExecAsync("GET", location.Key);
        Assert.Equal(Increments.ToString(CultureInfo.InvariantCulture), stored.AsText());
    }

    [RedisFact]
    public async Task CounterNameOf513CharactersIsABadRequest()
    {
        using var response = await fixture.Http.PostAsync(new Uri($"counters/{new string('c', 513)}/increment", UriKind.Relative), content: null);

        await ProblemResponse.AssertAsync(response, HttpStatusCode.BadRequest, "513 characters");
    }
}
