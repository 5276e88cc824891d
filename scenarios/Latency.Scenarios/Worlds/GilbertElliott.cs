namespace Latency.Scenarios.Worlds;

/// <summary>
/// Bursty loss as a two-state Markov chain (Gilbert 1960, Elliott 1963): in the good state packets are lost with
/// <see cref="LossInGood"/>, in the bad state with <see cref="LossInBad"/>; per packet the chain moves good-&gt;bad
/// with <see cref="GoodToBad"/> and bad-&gt;good with <see cref="BadToGood"/>. Probabilities in [0, 1].
/// Mean loss = (pi_good * LossInGood + pi_bad * LossInBad), pi_bad = GoodToBad / (GoodToBad + BadToGood).
/// </summary>
public sealed record GilbertElliott(double GoodToBad, double BadToGood, double LossInGood, double LossInBad)
{
    public double StationaryBad => GoodToBad + BadToGood == 0 ? 0 : GoodToBad / (GoodToBad + BadToGood);

    public double MeanLoss => (1 - StationaryBad) * LossInGood + StationaryBad * LossInBad;
}
