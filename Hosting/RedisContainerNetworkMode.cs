namespace RedisAspire.Hosting;

/// <summary>How container nodes are networked (<c>AppHost:Network</c>).</summary>
public enum RedisContainerNetworkMode
{
    /// <summary>
    /// Containers on the orchestrator's container network, client and bus ports published 1:1 on the announce address,
    /// every node announcing that address and its ports (<c>cluster-announce-ip/port/bus-port</c>).
    /// </summary>
    Announce,

    /// <summary>Host networking (no NAT at all); not available in this version (the start fails with a message saying so).</summary>
    Host,
}
