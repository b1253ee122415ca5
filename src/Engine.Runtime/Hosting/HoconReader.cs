using System.Globalization;
using Akka.Configuration;
using Engine.Core.Primitives;

namespace Engine.Runtime.Hosting;

/// <summary>
/// Typed, validated reads from HOCON. Numbers are read from their text so decimals stay exact (HOCON's own
/// numeric accessors go through double). Every failure names the file and the full key.
/// </summary>
public sealed class HoconReader(Config config, string file, string prefix = "")
{
    public string File => file;

    public HoconReader Section(string path) => new(config, file, Key(path));

    public bool Has(string path) => config.HasPath(Key(path));

    public string String(string path)
    {
        string key = Key(path);
        if (!config.HasPath(key)) throw Missing(key, "a string");
        return config.GetString(key) ?? throw Missing(key, "a string");
    }

    public decimal Decimal(string path)
    {
        string text = String(path);
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            throw new ConfigurationException(file, Key(path), $"'{text}' is not a decimal number", "write a plain decimal such as 0.001");
        return value;
    }

    public decimal Decimal(string path, decimal min, decimal max)
    {
        decimal value = Decimal(path);
        if (value < min || value > max)
            throw new ConfigurationException(file, Key(path), $"{value} is out of range", $"use a value from {min} to {max}");
        return value;
    }

    public int Int(string path, int min, int max)
    {
        string text = String(path);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            throw new ConfigurationException(file, Key(path), $"'{text}' is not a whole number from {min} to {max}", $"use a whole number from {min} to {max}");
        return value;
    }

    public bool Bool(string path)
    {
        string text = String(path);
        return text switch
        {
            "true" or "on" or "yes" => true,
            "false" or "off" or "no" => false,
            _ => throw new ConfigurationException(file, Key(path), $"'{text}' is not a boolean", "use true or false"),
        };
    }

    public TimeSpan Duration(string path, TimeSpan min)
    {
        string key = Key(path);
        if (!config.HasPath(key)) throw Missing(key, "a duration");
        TimeSpan value;
        try { value = config.GetTimeSpan(key, allowInfinite: false); }
        catch (Exception e) when (e is FormatException or ConfigurationException or Akka.Configuration.ConfigurationException)
        {
            throw new ConfigurationException(file, key, $"'{config.GetString(key)}' is not a duration", "write a duration such as 500ms, 10s, 5m or 28d");
        }
        if (value < min) throw new ConfigurationException(file, key, $"{value} is too short", $"use at least {min}");
        return value;
    }

    public Quantity Quantity(string path, bool allowNegative = false)
    {
        string text = String(path);
        if (!FixedPoint.TryParse(text.AsSpan(), out long units) || (!allowNegative && units < 0))
            throw new ConfigurationException(file, Key(path), $"'{text}' is not an exact {(allowNegative ? "" : "non-negative ")}size", "write a decimal with at most 9 fractional digits, e.g. 0.01");
        return new Quantity(units);
    }

    public T Enum<T>(string path, IReadOnlyDictionary<string, T> values)
    {
        string text = String(path);
        return values.TryGetValue(text, out var value)
            ? value
            : throw new ConfigurationException(file, Key(path), $"'{text}' is not a known value", $"use one of: {string.Join(", ", values.Keys)}");
    }

    private ConfigurationException Missing(string key, string what) =>
        new(file, key, "is missing", $"add {key} = <{what}>");

    private string Key(string path) => prefix.Length == 0 ? path : $"{prefix}.{path}";
}
