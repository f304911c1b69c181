using System.CommandLine;
using System.CommandLine.Parsing;

namespace ActorKeys.Bench;

/// <summary>
/// Range checks for options whose values must also convert to a number first (as the CLI's, which the bench does
/// not reference).
/// </summary>
public static class OptionChecks
{
    /// <summary>
    /// Adds a validator that reports <paramref name="message"/> when the value converted but is not valid. A value
    /// that did not convert at all ("--clients abc") is left to the parser's own error: asking for it here would throw.
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
