using Latency.World.Emulation;

namespace Latency.World.Radio;

/// <summary>
/// The radio state of one handset: idle or connected, and when its last packet crossed the radio. A mutable
/// struct that lives in <see cref="HandsetRadios"/>' array and is only used by reference there (a copy would fork
/// its state and its random sequence). Nothing here allocates.
/// </summary>
/// <remarks>
/// <para>The state is two times, not a state variable driven by timers: idle is "never used, or no packet for the
/// tail timer"; promoting is "now before the end of the current promotion"; the DRX phase of a connected radio
/// follows from the time since its last packet (<see cref="RadioTiming.DownlinkWaitTicks"/>). So nothing has to
/// run between packets.</para>
/// <para>The delay is decided when the emulator sees the packet, and the packet's passage (now plus the delay) is
/// what restarts the timers. Approximations for packets that queue behind each other: a downlink packet seen
/// while an earlier downlink packet waits for an on-duration waits for that same wake-up; an uplink packet sent
/// meanwhile goes at once (the handset wakes itself) but does not release the waiting downlink packets earlier,
/// although the real radio would then be listening. Paging of an idle handset (the idle-mode DRX cycle before a
/// downlink-triggered promotion) is not modelled: downlink to an idle handset waits for the promotion, as uplink
/// does. A DRX wait that ends after the tail would have run out still counts as connected.</para>
/// <para>Time can go backwards between calls: the emulator passes an uplink packet when it reads it and a downlink
/// packet when it reaches the cell (its path's due time), so a downlink packet evaluated first may carry a later time
/// than an uplink packet read after it, by up to a path's one-way delay. The state copes without breaking: a time
/// before the last recorded passage never counts as idle and never moves that passage back; an uplink packet then
/// passes at once (or waits for the rest of a promotion under way), and a downlink packet waits until the recorded
/// passage. That is exact for downlink packets of one path (their times only go backwards while an earlier one waits
/// for a wake-up), but overestimates in two cases: a downlink packet over a faster path than one evaluated just
/// before it waits for that one's arrival; and an uplink packet from an idle handset, sent while a downlink
/// packet to it is in flight waits for the promotion that packet started at its later arrival, not for its own.</para>
/// </remarks>
internal struct HandsetRadio
{
    private Xoshiro256StarStar _random;
    private bool _used;
    private long _promotionEnd;
    private long _lastActivity;

    /// <summary>An idle handset whose promotions are drawn from a generator seeded with
    /// <paramref name="seed"/>.</summary>
    public HandsetRadio(ulong seed)
    {
        _random = new Xoshiro256StarStar(seed);
    }

    /// <summary>
    /// The extra delay, in ticks, of a packet seen at <paramref name="nowTicks"/>, and the state updated for it.
    /// </summary>
    /// <param name="nowTicks">When the packet crosses the radio; may go backwards between calls (see the remarks).</param>
    /// <param name="direction">Uplink (from the handset) or downlink (to it).</param>
    /// <param name="timing">The radio's parameters in ticks.</param>
    /// <returns>Ticks the packet waits for the radio: a promotion, or a downlink packet's next on-duration.</returns>
    public long ExtraDelayTicks(long nowTicks, RadioDirection direction, RadioTiming timing)
    {
        long delay;
        if (!_used || nowTicks - _lastActivity >= timing.TailTicks)
        {
            // Idle: this packet starts a promotion and waits for all of it.
            delay = timing.DrawPromotionTicks(ref _random);
            _promotionEnd = nowTicks + delay;
            _used = true;
        }
        else if (nowTicks < _promotionEnd)
        {
            delay = _promotionEnd - nowTicks; // a promotion is under way: wait for its end, either direction
        }
        else if (direction == RadioDirection.Downlink)
        {
            var sinceLastActivity = nowTicks - _lastActivity;
            // Negative when an earlier downlink packet waits for a wake-up still to come: wait for the same one.
            delay = sinceLastActivity < 0 ? -sinceLastActivity : timing.DownlinkWaitTicks(sinceLastActivity);
        }
        else
        {
            delay = 0; // a connected handset sends at once, asleep or not: it wakes itself
        }

        var passage = nowTicks + delay;
        if (passage > _lastActivity)
        {
            _lastActivity = passage;
        }

        return delay;
    }
}
