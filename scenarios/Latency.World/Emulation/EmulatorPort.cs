namespace Latency.World.Emulation;

/// <summary>One namespace's TUN descriptor and the IPv4 address its end of the world has (network byte order as read).</summary>
internal sealed record EmulatorPort(string Node, int Fd, uint Address);
