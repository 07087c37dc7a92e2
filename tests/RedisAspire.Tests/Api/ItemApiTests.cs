using System.Net;
using System.Net.Http.Headers;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Api;

/// <summary><c>/items/{key}</c>: limits on keys and bodies, and answers for keys that are missing or deleted.</summary>
[Collection(FormedClusterGroup.Name)]
public sealed class ItemApiTests(FormedClusterFixture fixture)
{
    private const int MaxKeyLength = 512;
    private const int MaxBodyBytes = 1024 * 1024;

    private HttpClient Http => fixture.Http;

    [RedisTheory]
    [InlineData("PUT")]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task EmptyKeyIsABadRequest(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("items/", UriKind.Relative))
        {
            Content = method == "PUT" ? new StringContent("value") : null,
        };

        using var response = await Http.SendAsync(request);

        await ProblemResponse.AssertAsync(response, HttpStatusCode.BadRequest, "must not be empty");
    }

    [RedisFact]
    public async Task KeyOf513CharactersIsABadRequest()
    {
        var key = UniqueKey(MaxKeyLength + 1);

        using var response = await PutAsync(key, new StringContent("value"));

        await ProblemResponse.AssertAsync(response, HttpStatusCode.BadRequest, $"{MaxKeyLength + 1} characters; at most {MaxKeyLength}");
    }

    [RedisFact]
    public async Task KeyOf512CharactersIsStoredAndReadBack()
    {
        var key = UniqueKey(MaxKeyLength);

        using var put = await PutAsync(key, new StringContent("long key"));
        using var get = await GetAsync(key);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("long key", await get.Content.ReadAsStringAsync());
    }

    [RedisTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BodyOneByteOverOneMebibyteIsTooLarge(bool sendContentLength)
    {
        var key = UniqueKey();

        using var response = await PutAsync(key, Body(MaxBodyBytes + 1, sendContentLength));
        using var get = await GetAsync(key);

        await ProblemResponse.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, $"at most {MaxBodyBytes} bytes");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [RedisTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BodyOfExactlyOneMebibyteIsStoredWhole(bool sendContentLength)
    {
        var key = UniqueKey();

        using var put = await PutAsync(key, Body(MaxBodyBytes, sendContentLength));
        using var get = await GetAsync(key);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(new string('x', MaxBodyBytes), await get.Content.ReadAsStringAsync());
    }

    [RedisFact]
    public async Task UnicodeValueComesBackAsUtf8Text()
    {
        var key = UniqueKey();

        using var put = await PutAsync(key, new StringContent("grüße ✓ 日本"));
        using var get = await GetAsync(key);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("text/plain", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", get.Content.Headers.ContentType?.CharSet);
        Assert.Equal("grüße ✓ 日本", await get.Content.ReadAsStringAsync());
    }

    [RedisFact]
    public async Task GettingAMissingKeyIsNotFound()
    {
        var key = UniqueKey();

        using var response = await GetAsync(key);

        await ProblemResponse.AssertAsync(response, HttpStatusCode.NotFound, key);
    }

    [RedisFact]
    public async Task DeletingAMissingKeyIsNotFound()
    {
        var key = UniqueKey();

        using var response = await Http.DeleteAsync(ItemUri(key));

        await ProblemResponse.AssertAsync(response, HttpStatusCode.NotFound, key);
    }

    [RedisFact]
    public async Task DeletedKeyIsGone()
    {
        var key = UniqueKey();
        using var put = await PutAsync(key, new StringContent("short-lived"));
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);

        using var delete = await Http.DeleteAsync(ItemUri(key));
        using var get = await GetAsync(key);

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await ProblemResponse.AssertAsync(get, HttpStatusCode.NotFound, key);
    }

    private static string UniqueKey(int length = 0)
    {
        var key = $"item-{Guid.NewGuid():N}";
        return length <= key.Length ? key : key + new string('k', length - key.Length);
    }

    private static Uri ItemUri(string key) => new($"items/{Uri.EscapeDataString(key)}", UriKind.Relative);

    // Without a Content-Length the body goes out chunked, so the API must stop at the limit while streaming.
    private static HttpContent Body(int bytes, bool sendContentLength)
    {
        var data = new byte[bytes];
        data.AsSpan().Fill((byte)'x');
        var payload = new MemoryStream(data);
        HttpContent content = sendContentLength ? new StreamContent(payload) : new UnknownLengthContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        return content;
    }

    private Task<HttpResponseMessage> PutAsync(string key, HttpContent content) => Http.PutAsync(ItemUri(key), content);

    private Task<HttpResponseMessage> GetAsync(string key) => Http.GetAsync(ItemUri(key));
}
