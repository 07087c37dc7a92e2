namespace RedisAspire.SampleApi.Redis;

/// <summary>What a live node says about the owner of a slot, compared with the client's cached view.</summary>
/// <param name="Changed">A live node sees a healthy master for the slot other than the one the client routes to.</param>
/// <param name="Owner">The healthy master a live node sees for the slot (<c>ip:port</c>), if any.</param>
/// <param name="Cached">The master the client's multiplexer routes the slot to, if it knows one.</param>
/// <param name="Failing">Nodes the live node flags <c>fail</c>, <c>fail?</c> or <c>noaddr</c>: no use as seeds.</param>
public sealed record SlotOwnerVerdict(bool Changed, string? Owner, string? Cached, IReadOnlyList<string> Failing);
