namespace RedisAspire.Tests.Api;

/// <summary>The body of <c>GET /cluster/slots/{key}</c>.</summary>
public sealed record KeySlotResponse(string Key, int Slot, string? Node);
