using Latency.Scenarios.Worlds;
using Xunit;

namespace Latency.Tests.Worlds;

public sealed class WorldCountriesTests
{
    [Fact]
    public void EnglishName_EveryKnownCode_ANameNotTheCode()
    {
        var names = WorldCountries.Known.Select(WorldCountries.EnglishName).ToList();

        Assert.All(names, n => Assert.True(n.Length > 2, $"'{n}' looks like a code"));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("India", WorldCountries.EnglishName("IN"));
        Assert.Equal("Hong Kong", WorldCountries.EnglishName("HK"));
    }

    [Fact]
    public void EnglishName_UnknownCode_TheCodeAsItIs()
    {
        Assert.Equal("ZZ", WorldCountries.EnglishName("ZZ"));
    }
}
