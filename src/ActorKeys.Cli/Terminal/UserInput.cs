using System.Runtime.InteropServices;
using System.Text;
using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Terminal;

/// <summary>
/// Reads what the user types: lines and passwords. On a terminal, prompts stay on the input line and passwords are
/// not echoed; when standard input is a pipe, each prompt ends its own line (so that piped output stays one item per
/// line) and a password is one line of input.
/// </summary>
public sealed class UserInput
{
    private readonly TextReader _in = Console.In;
    private readonly TextWriter _out = Console.Out;

    private static int _interruptions;

    private static bool FirstInterruption() => Interlocked.Increment(ref _interruptions) == 1;

    public bool IsTerminal { get; } = !Console.IsInputRedirected;

    /// <summary>Shows <paramref name="prompt"/> and reads one line; null at the end of input.</summary>
    public async Task<string?> ReadLineAsync(string prompt, CancellationToken cancellation)
    {
        Prompt(prompt);
        // Console reads cannot be cancelled; waiting on them is, and the process ends right after anyway.
        return await Task.Run(() => _in.ReadLine(), CancellationToken.None).WaitAsync(cancellation);
    }

    /// <summary>Asks for an existing password (of a protected key file).</summary>
    public string ReadPassword(string prompt)
    {
        var password = ReadSecretLine(prompt);
        if (string.IsNullOrEmpty(password))
        {
            throw new CliException(ExitCode.WrongPassword, Strings.NoPasswordGiven);
        }
        return password;
    }

    /// <summary>
    /// Runs <paramref name="prompting"/> (which may ask a password with <see cref="ReadPassword"/>) while an actor
    /// system runs: its host takes Ctrl+C and SIGTERM too and starts stopping, and the process may not reach the signal
    /// handler of the prompt before that, so the wait also ends when the host starts stopping; whichever notices first
    /// says the sentence.
    /// </summary>
    public async Task<T> WhilePromptingAsync<T>(Func<T> prompting, CancellationToken stopping)
    {
        try
        {
            return await Task.Run(prompting, CancellationToken.None).WaitAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The signal handler of ReadSecretLine may have seen the same signal: the sentence is said once.
            var first = FirstInterruption();
            if (first && IsTerminal)
            {
                _out.WriteLine();
            }
            throw new CliException(ExitCode.Interrupted, first ? Strings.InterruptedAtPassword : "");
        }
    }

    /// <summary>Asks for a new password: twice on a terminal (to catch typos), once from a pipe.</summary>
    public string ReadNewPassword(string prompt)
    {
        var password = ReadSecretLine(prompt);
        if (string.IsNullOrEmpty(password))
        {
            throw new CliException(ExitCode.Usage, Strings.EmptyPassword);
        }
        if (IsTerminal && ReadSecretLine(Strings.RepeatPasswordPrompt) != password)
        {
            throw new CliException(ExitCode.Usage, Strings.PasswordsDiffer);
        }
        return password;
    }

    private string? ReadSecretLine(string prompt)
    {
        Prompt(prompt);
        // Ctrl+C (or SIGTERM) here would otherwise end the process silently; every command asks its passwords before writing.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupted);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupted);
        return IsTerminal ? ReadHidden() : _in.ReadLine();
    }

    private void Interrupted(PosixSignalContext context)
    {
        context.Cancel = true;
        if (!FirstInterruption())
        {
            return; // already being reported
        }
        if (IsTerminal)
        {
            _out.WriteLine();
        }
        _out.Flush();
        Console.Error.WriteLine(Strings.InterruptedAtPassword);
        Environment.Exit((int)ExitCode.Interrupted);
    }

    private void Prompt(string prompt)
    {
        if (IsTerminal)
        {
            _out.Write(prompt + " ");
        }
        else
        {
            _out.WriteLine(prompt);
        }
        _out.Flush();
    }

    private string ReadHidden()
    {
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                _out.WriteLine();
                return password.ToString();
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
    }
}
