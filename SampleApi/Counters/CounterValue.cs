namespace RedisAspire.SampleApi.Counters;

public sealed record CounterValue(string Name, long Value);
