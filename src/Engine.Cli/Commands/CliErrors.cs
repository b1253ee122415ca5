using Engine.Recording;
using Engine.Runtime.Hosting;
using Engine.Runtime.Simulation;

namespace Engine.Cli.Commands;

/// <summary>Turns the errors a user can fix into one clear line on stderr and a non-zero exit code.</summary>
internal static class CliErrors
{
    public const int InputError = 2;
    public const int RunFailed = 1;
    public const int Interrupted = 130;

    public static async Task<int> Guard(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"configuration error: {e.Message}");
            return InputError;
        }
        catch (RecordingFormatException e)
        {
            await Console.Error.WriteLineAsync($"recording error: {e.Message}");
            return InputError;
        }
        catch (SimulationInterruptedException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return Interrupted;
        }
        catch (SimulationFailedException e)
        {
            await Console.Error.WriteLineAsync($"simulation failed: {e.Message}");
            return RunFailed;
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"i/o error: {e.Message}");
            return RunFailed;
        }
    }
}
