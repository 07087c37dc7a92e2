namespace RedisAspire.SampleApi.Cluster;

/// <summary>Where a key lives: its hash slot and the master that owns it.</summary>
public sealed record KeySlotView(string Key, int Slot, string? Node);
