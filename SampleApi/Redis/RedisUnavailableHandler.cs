using Microsoft.AspNetCore.Diagnostics;
using StackExchange.Redis;

namespace RedisAspire.SampleApi.Redis;

/// <summary>Turns a Redis failure that outlived the retry budget into 503 with ProblemDetails.</summary>
public sealed partial class RedisUnavailableHandler(IProblemDetailsService problemDetails, ILogger<RedisUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not RedisException)
        {
            return false;
        }

        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Redis cluster unavailable",
                Detail = exception.Message,
            },
        });
    }

    [LoggerMessage(1, LogLevel.Warning, "{Method} {Path} failed after its retry budget: {ExceptionType}: {Message}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string exceptionType, string message);
}
