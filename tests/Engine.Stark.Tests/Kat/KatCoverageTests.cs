using Xunit;

namespace Engine.Stark.Tests.Kat;

/// <summary>Guards against a vector or a whole section being skipped silently.</summary>
public sealed class KatCoverageTests
{
    public static readonly IReadOnlyDictionary<string, int> ExpectedCounts = new Dictionary<string, int>
    {
        ["pedersen"] = 3,
        ["publicKey"] = 31,
        ["signHash"] = 16,
        ["order"] = 6,
        ["orderFields"] = 3,
        ["nonceFromClientId"] = 5,
        ["assetIds"] = 7,
        ["keyPairFromData"] = 3,
        ["apiHmac"] = 1,
    };

    [Fact]
    public void Every_section_is_tested_and_has_the_expected_number_of_vectors()
    {
        var sections = KatFile.Root.EnumerateObject().Select(p => p.Name).Where(name => name != "_about").Order().ToArray();
        Assert.Equal(ExpectedCounts.Keys.Order().ToArray(), sections);
        foreach (var (section, count) in ExpectedCounts)
        {
            Assert.Equal(count, KatFile.Count(section));
            Assert.Equal(count, KatFile.Cases(section).Count());
        }
        Assert.Equal(75, ExpectedCounts.Values.Sum());
    }
}
