namespace RedisAspire.Tests.Api;

/// <summary>The body of <c>POST /counters/{name}/increment</c>.</summary>
public sealed record CounterResponse(string Name, long Value);
