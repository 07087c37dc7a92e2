namespace RedisAspire.Tests.Resilience;

/// <summary>One request of <see cref="HttpLoad"/>, on the load's clock.</summary>
/// <param name="Method">PUT or GET.</param>
/// <param name="Key">The item key.</param>
/// <param name="StartedAt">When the request was sent.</param>
/// <param name="EndedAt">When its answer (or failure) came back.</param>
/// <param name="Error">Why it failed (status and body, a wrong value, or the exception); null when it succeeded.</param>
internal sealed record HttpRequestRecord(string Method, string Key, TimeSpan StartedAt, TimeSpan EndedAt, string? Error)
{
    public bool Failed => Error is not null;

    public override string ToString() =>
        $"{Method} {Key} at {StartedAt.TotalSeconds:0.000}-{EndedAt.TotalSeconds:0.000} s: {Error ?? "ok"}";
}
