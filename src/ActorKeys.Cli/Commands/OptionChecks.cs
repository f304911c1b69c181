using System.CommandLine;
using System.CommandLine.Parsing;

namespace ActorKeys.Cli.Commands;

/// <summary>
/// Range checks for options whose values must also convert to a number first. Internal, and compiled into actorkeys-bench
/// too (linked in its csproj): the bench does not reference the CLI, and one copy of this code serves both.
/// </summary>
internal static class OptionChecks
{
    /// <summary>
    /// Adds a validator that reports <paramref name="message"/> when the value converted but is not valid. A value
    /// that did not convert at all ("--port abc") is left to the parser's own error: asking for it here would throw.
    /// </summary>
    public static void Require<T>(this Option<T> option, Func<T, bool> valid, string message) =>
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out T value) && !valid(value))
            {
                result.AddError(message);
            }
        });

    private static bool TryGetValue<T>(OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }
}
