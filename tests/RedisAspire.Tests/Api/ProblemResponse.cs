using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;

namespace RedisAspire.Tests.Api;

/// <summary>Asserts an RFC 9457 problem response: status code, <c>application/problem+json</c>, and a detail that says what was wrong.</summary>
internal static class ProblemResponse
{
    public static async Task<ProblemDetails> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        var body = await response.Content.ReadAsStringAsync();
        var because = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} {body}";
        Assert.True(response.StatusCode == status, because);
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", because);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.NotNull(problem);
        Assert.True(problem.Status == (int)status, because);
        Assert.True(problem.Detail?.Contains(detailContains, StringComparison.Ordinal) == true, $"detail lacks '{detailContains}'; {because}");
        return problem;
    }
}
