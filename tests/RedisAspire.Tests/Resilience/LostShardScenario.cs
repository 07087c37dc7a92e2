namespace RedisAspire.Tests.Resilience;

/// <summary>
/// A shard whose master and only replica were killed, with the replica restarted alone on its data folder: the node
/// indexes, the master's ID and slots, every key the test seeded, and how many keys the replica loaded.
/// </summary>
internal sealed record LostShardScenario(
    int Master,
    int Replica,
    string MasterId,
    IReadOnlyList<(int Start, int End)> Slots,
    string SlotText,
    IReadOnlyDictionary<string, string> Keys,
    long ReplicaKeys);
