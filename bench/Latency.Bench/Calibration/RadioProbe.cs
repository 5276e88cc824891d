using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Latency.RunDirectory;
using Latency.World.Network;
using Latency.World.Runtime;

namespace Latency.Bench.Calibration;

/// <summary>
/// Measures one probe's handset radio through the running emulator, from the handsets the address plan keeps for
/// calibration (<see cref="HandsetAddressPlan.CalibrationHandsets"/>): each is woken with one connect, left quiet
/// for 1.1 x the tail timer so it is idle whatever an earlier calibration did with it, then connects twice in a
/// row (idle, then active). With the tail check, one more handset connects after 0.9 x the tail (expected: still
/// connected) and one after 1.1 x (expected: idle again). All of a probe's handsets run at once; the whole
/// measurement takes about 1.1 x the tail timer.
/// </summary>
public sealed class RadioProbe(WorldState world, ProbeState probe)
{
    /// <summary>Handsets measured for the promotion at most: the reserved ones, less the two of the tail check.</summary>
    public const int MaxSamples = HandsetAddressPlan.CalibrationHandsets - 2;

    /// <summary>Whether <paramref name="probe"/> has handsets with a radio to measure (namespaces only).</summary>
    public static bool Applies(WorldState world, ProbeState probe) =>
        world.Backend == NetworkBackend.Tun && probe.Namespace is not null && probe.Handsets is { Radio: true };

    /// <summary>The probe's path with the least loss, then the least jitter, then the shortest: the one whose own
    /// noise hides the least of the radio.</summary>
    public static PathState? QuietestPath(WorldState world, string probe) =>
        world.Paths.Where(p => p.Probe == probe).OrderBy(p => p.LossPct).ThenBy(p => p.JitterMs).ThenBy(p => p.RttMs).FirstOrDefault();

    /// <summary>Measures the promotion with <paramref name="samples"/> handsets, and the tail when asked.</summary>
    /// <param name="samples">Handsets measured for the promotion (1 to <see cref="MaxSamples"/>).</param>
    /// <param name="tailCheck">Whether to check the tail timer too (two more handsets, no extra time).</param>
    /// <param name="cancellationToken">Stops measuring.</param>
    public async Task<CalibrationRadio> MeasureAsync(int samples, bool tailCheck, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(samples, MaxSamples);
        var handsets = probe.Handsets ?? throw new InvalidOperationException($"probe {probe.Name} has no handsets");
        var path = QuietestPath(world, probe.Name) ?? throw new InvalidOperationException($"probe {probe.Name} has no path");
        var deployment = world.Deployments.Single(d => d.Name == path.Deployment);
        var target = new IPEndPoint(IPAddress.Parse(new Uri(deployment.Url).Host), BackendsPart.Port);
        var tail = TimeSpan.FromMilliseconds(handsets.TailMs ?? throw new InvalidOperationException($"probe {probe.Name}: no tail timer in the world state"));
        var addresses = ReservedAddresses(handsets, samples + 2);

        // Wake every reserved handset, then let each fall idle (1.1 x tail) or not quite (0.9 x tail, the tail check's first).
        await Task.WhenAll(addresses.Select(a => ConnectAsync(a, target, cancellationToken))).ConfigureAwait(false);
        var quietSince = Stopwatch.GetTimestamp();
        var beforeTail = tailCheck
            ? ConnectAfterAsync(addresses[samples], target, quietSince, tail * 0.9, cancellationToken)
            : Task.FromResult(double.NaN);
        await WaitUntilAsync(quietSince, tail * 1.1, cancellationToken).ConfigureAwait(false);
        var afterTail = tailCheck ? ConnectAsync(addresses[samples + 1], target, cancellationToken) : Task.FromResult(double.NaN);
        var pairs = await Task.WhenAll(addresses.Take(samples).Select(async a =>
        {
            var idle = await ConnectAsync(a, target, cancellationToken).ConfigureAwait(false);
            var active = await ConnectAsync(a, target, cancellationToken).ConfigureAwait(false);
            return (Idle: idle, Active: active);
        })).ConfigureAwait(false);

        var (idleP50, activeP50, promotion) = RadioEstimate.Promotion([.. pairs.Select(p => p.Idle)], [.. pairs.Select(p => p.Active)]);
        return new CalibrationRadio
        {
            Probe = probe.Name,
            Deployment = path.Deployment,
            ConfiguredPromotionMs = handsets.PromotionMeanMs,
            IdleConnectP50Ms = Round(idleP50),
            ActiveConnectP50Ms = Round(activeP50),
            MeasuredPromotionMs = Round(promotion),
            Samples = samples,
            ConfiguredTailMs = handsets.TailMs,
            PromotedBeforeTail = tailCheck ? RadioEstimate.Promoted(await beforeTail.ConfigureAwait(false), activeP50, handsets.PromotionMeanMs) : null,
            PromotedAfterTail = tailCheck ? RadioEstimate.Promoted(await afterTail.ConfigureAwait(false), activeP50, handsets.PromotionMeanMs) : null,
        };
    }

    private static IPAddress[] ReservedAddresses(HandsetState handsets, int count)
    {
        var first = IPAddress.Parse(handsets.FirstAddress).GetAddressBytes();
        var node = HandsetAddressPlan.TryFind(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(first), out var index, out _)
            ? index
            : throw new InvalidOperationException($"{handsets.FirstAddress} is not a handset address");
        return [.. Enumerable.Range(HandsetAddressPlan.StudyHandsets, count).Select(h => HandsetAddressPlan.HandsetAddress(node, h))];
    }

    private async Task<double> ConnectAfterAsync(IPAddress handset, IPEndPoint target, long since, TimeSpan quiet, CancellationToken cancellationToken)
    {
        await WaitUntilAsync(since, quiet, cancellationToken).ConfigureAwait(false);
        return await ConnectAsync(handset, target, cancellationToken).ConfigureAwait(false);
    }

    private static Task WaitUntilAsync(long since, TimeSpan quiet, CancellationToken cancellationToken)
    {
        var left = quiet - Stopwatch.GetElapsedTime(since);
        return left > TimeSpan.Zero ? Task.Delay(left, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>One TCP connect from <paramref name="handset"/>'s address, in ms; the socket is closed at once.</summary>
    private async Task<double> ConnectAsync(IPAddress handset, IPEndPoint target, CancellationToken cancellationToken)
    {
        using var socket = NamespaceSockets.Create(probe.Namespace!, AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(handset, 0));
        var start = Stopwatch.GetTimestamp();
        await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double? Round(double value) => double.IsNaN(value) ? null : Math.Round(value, 3);
}
