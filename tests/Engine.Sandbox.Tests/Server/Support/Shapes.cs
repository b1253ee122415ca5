using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.TestSupport;
using Xunit;

namespace Engine.Sandbox.Tests.Server.Support;

/// <summary>Field-set comparisons against the real v3 captures in ../shared/data/real/dydx-v3.</summary>
internal static partial class Shapes
{
    public static JsonElement Real(string file)
    {
        string path = SharedData.Shared("data", "real", "dydx-v3", "hft-micro-dydx", file);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return doc.RootElement.Clone();
    }

    public static JsonElement RealGoDydx(string file)
    {
        string path = SharedData.Shared("data", "real", "dydx-v3", "go-dydx", file);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return doc.RootElement.Clone();
    }

    public static SortedSet<string> Keys(JsonElement e) => new(e.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal);

    public static void SameFields(JsonElement expected, JsonElement actual, string what) =>
        Assert.True(Keys(expected).SetEquals(Keys(actual)),
            $"{what}: expected [{string.Join(", ", Keys(expected))}] got [{string.Join(", ", Keys(actual))}]");

    public static void SameFields(IEnumerable<string> expected, JsonElement actual, string what)
    {
        var want = new SortedSet<string>(expected, StringComparer.Ordinal);
        Assert.True(want.SetEquals(Keys(actual)), $"{what}: expected [{string.Join(", ", want)}] got [{string.Join(", ", Keys(actual))}]");
    }

    public static void HasFields(JsonElement expected, JsonElement actual, string what)
    {
        var missing = Keys(expected).Except(Keys(actual)).ToList();
        Assert.True(missing.Count == 0, $"{what}: missing [{string.Join(", ", missing)}]");
    }

    /// <summary>Every value of the object that is a JSON string or null (v3 sends no JSON numbers in these objects).</summary>
    public static void AllStringsOrNullsOrBools(JsonElement obj, string what, params string[] except)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (except.Contains(p.Name)) continue;
            Assert.True(p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False
                            or JsonValueKind.Object or JsonValueKind.Array,
                $"{what}.{p.Name} is a JSON {p.Value.ValueKind}, v3 sends strings");
        }
    }

    public static void Usd6(JsonElement obj, params string[] fields)
    {
        foreach (string f in fields)
        {
            string? text = obj.GetProperty(f).GetString();
            Assert.True(text is not null && SixDecimals().IsMatch(text), $"{f} = '{text}' is not a 6-decimal USD amount");
        }
    }

    public static void Iso(JsonElement obj, params string[] fields)
    {
        foreach (string f in fields)
        {
            string? text = obj.GetProperty(f).GetString();
            Assert.True(text is not null && IsoMillis().IsMatch(text), $"{f} = '{text}' is not ISO with milliseconds and Z");
        }
    }

    [GeneratedRegex(@"^-?\d+\.\d{6}$")]
    private static partial Regex SixDecimals();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex IsoMillis();
}
