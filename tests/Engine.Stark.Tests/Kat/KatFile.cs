using System.Text.Json;
using Engine.TestSupport;
using Xunit;

namespace Engine.Stark.Tests.Kat;

/// <summary>
/// The published known-answer vectors (shared/data/dydx-v3/kat.json). Each section becomes theory data of
/// (index, source) so every vector is its own test case; <see cref="KatCoverageTests"/> pins the counts.
/// </summary>
public static class KatFile
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(SharedData.Shared("data", "dydx-v3", "kat.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static JsonElement Vector(string section, int index) => Root.GetProperty(section)[index];

    public static int Count(string section) => Root.GetProperty(section).GetArrayLength();

    public static TheoryData<int, string> Cases(string section)
    {
        var data = new TheoryData<int, string>();
        int index = 0;
        foreach (var vector in Root.GetProperty(section).EnumerateArray())
            data.Add(index++, vector.TryGetProperty("source", out var source) ? source.GetString()! : section);
        return data;
    }

    public static string Text(this JsonElement element, string name) => element.GetProperty(name).GetString()!;
}
