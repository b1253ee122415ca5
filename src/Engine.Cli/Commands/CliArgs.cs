using Engine.Core.Primitives;
using Engine.Dydx.Wire;

namespace Engine.Cli.Commands;

/// <summary>Option values that need more than System.CommandLine's parsing, with one error style.</summary>
internal static class CliArgs
{
    /// <summary>An optional ISO-8601 UTC time; prints the error and returns false when it is not one.</summary>
    public static bool TryTime(string? text, string option, out Timestamp? time)
    {
        time = null;
        if (text is null) return true;
        if (IsoTime.TryParse(text, out var t))
        {
            time = t;
            return true;
        }
        Console.Error.WriteLine($"{option}: '{text}' is not an ISO-8601 UTC time such as 2022-05-02T00:01:00Z");
        return false;
    }
}
