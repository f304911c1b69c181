using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace ActorKeys.Testing;

/// <summary>
/// A built program of this repository (<c>actorkeys</c>, or <c>actorkeys-bench</c> with <see cref="RunProgramAsync"/>)
/// running as a real process (<c>dotnet actorkeys.dll …</c>) in a given folder, with its standard output and error
/// read line by line as they come. Every wait is bounded; disposing kills the process tree if it is still running.
/// The test project must reference the program's project, so that its dll is built next to the tests.
/// </summary>
public sealed class CliProcess : IAsyncDisposable
{
    /// <summary>Generous: two shared cores, several processes each starting a runtime and an actor system.</summary>
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly SemaphoreSlim _newLine = new(0);
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly TimeSpan _generous;

    /// <summary>
    /// The locale variables actorkeys chooses its language from. A run does not inherit them, so the program speaks
    /// English in the tests whatever the locale of the machine running them; a test that wants another sets them.
    /// </summary>
    private static readonly string[] LocaleVariables = ["LC_ALL", "LC_MESSAGES", "LANG"];

    private CliProcess(string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
        : this(workingDirectory, "dotnet", [ActorKeysDll, .. args], Generous, environment)
    {
    }

    private CliProcess(string workingDirectory, string program, IEnumerable<string> arguments, TimeSpan generous,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        _generous = generous;
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var name in LocaleVariables)
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Collect(_stdout, e.Data, _stdoutClosed);
        _process.ErrorDataReceived += (_, e) => Collect(_stderr, e.Data, _stderrClosed);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The CLI as built next to these tests (the project reference copies it here).</summary>
    public static string ActorKeysDll { get; } = Path.Combine(AppContext.BaseDirectory, "actorkeys.dll");

    public int Id => _process.Id;
    public IReadOnlyList<string> Stdout => [.. _stdout];
    public IReadOnlyList<string> Stderr => [.. _stderr];

    public static CliProcess Start(string workingDirectory, params string[] args) => new(workingDirectory, args);

    /// <summary>Starts actorkeys with these variables added to (or replacing those of) its environment.</summary>
    public static CliProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        new(workingDirectory, args, environment);

    /// <summary>Runs to completion with <paramref name="input"/> on standard input (then closed).</summary>
    public static Task<CliResult> RunAsync(string workingDirectory, string input, params string[] args) =>
        RunAsync(workingDirectory, input, new Dictionary<string, string>(), args);

    /// <summary>As <see cref="RunAsync(string, string, string[])"/>, with these variables in the environment.</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, string input, IReadOnlyDictionary<string, string> environment,
        params string[] args)
    {
        await using var process = Start(workingDirectory, environment, args);
        await process.WriteAsync(input);
        process.CloseInput();
        var code = await process.WaitForExitAsync();
        return new CliResult(code, process.Stdout, process.Stderr);
    }

    /// <summary>
    /// Runs the program <paramref name="dll"/> (a file name next to the tests, such as <c>actorkeys-bench.dll</c>) to
    /// completion with standard input closed, waiting at most <paramref name="generous"/> for each step.
    /// </summary>
    public static async Task<CliResult> RunProgramAsync(string dll, TimeSpan generous, string workingDirectory, params string[] args)
    {
        await using var process = new CliProcess(workingDirectory, "dotnet", [Path.Combine(AppContext.BaseDirectory, dll), .. args], generous);
        process.CloseInput();
        var code = await process.WaitForExitAsync();
        return new CliResult(code, process.Stdout, process.Stderr);
    }

    /// <summary>
    /// Runs any <paramref name="program"/> (such as <c>dotnet pack</c>, or an installed tool) to completion with standard
    /// input closed and these variables in its environment, waiting at most <paramref name="generous"/> for each step.
    /// </summary>
    public static async Task<CliResult> RunExecutableAsync(string program, TimeSpan generous, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        await using var process = new CliProcess(workingDirectory, program, args, generous, environment);
        process.CloseInput();
        var code = await process.WaitForExitAsync();
        return new CliResult(code, process.Stdout, process.Stderr);
    }

    /// <summary>
    /// Runs to completion on a pseudo-terminal (util-linux <c>script</c>), so that actorkeys sees a terminal and behaves
    /// as it does for a person; <paramref name="input"/> is what is typed. Standard output then carries the terminal's
    /// output: the echo of the input, then the program's prompts and lines, standard error included.
    /// </summary>
    public static async Task<CliResult> RunOnTerminalAsync(string workingDirectory, string input, params string[] args)
    {
        var command = string.Join(' ', new[] { "dotnet", ActorKeysDll }.Concat(args).Select(ShellQuote));
        await using var process = new CliProcess(workingDirectory, "script", ["--quiet", "--return", "--command", command, "/dev/null"], Generous);
        await process.WriteAsync(input);
        process.CloseInput();
        var code = await process.WaitForExitAsync();
        return new CliResult(code, process.Stdout, process.Stderr);
    }

    private static string ShellQuote(string arg) => "'" + arg.Replace("'", "'\\''") + "'";

    public async Task WriteAsync(string text)
    {
        await _process.StandardInput.WriteAsync(text);
        await _process.StandardInput.FlushAsync();
    }

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Waits for a line of standard output that matches <paramref name="pattern"/> and returns its match.</summary>
    public Task<Match> WaitForLineAsync(string pattern) => WaitForLineAsync(pattern, _stdout, _stdoutClosed);

    /// <summary>Waits for a line of standard error (where log lines go) that matches <paramref name="pattern"/>.</summary>
    public Task<Match> WaitForErrorLineAsync(string pattern) => WaitForLineAsync(pattern, _stderr, _stderrClosed);

    private async Task<Match> WaitForLineAsync(string pattern, ConcurrentQueue<string> lines, TaskCompletionSource closed)
    {
        var regex = new Regex(pattern);
        using var timeout = new CancellationTokenSource(_generous);
        while (true)
        {
            var match = lines.Select(line => regex.Match(line)).FirstOrDefault(m => m.Success);
            if (match is not null)
            {
                return match;
            }
            if (closed.Task.IsCompleted)
            {
                throw new Xunit.Sdk.XunitException($"actorkeys ended without printing /{pattern}/.\n{Transcript()}");
            }
            try
            {
                await _newLine.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"No line /{pattern}/ within {_generous.TotalSeconds} s.\n{Transcript()}");
            }
        }
    }

    /// <summary>Waits for the exit and for both streams to be read to their end; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(_generous);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"The program did not exit within {_generous.TotalSeconds} s.\n{Transcript()}");
        }
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as a service manager does to stop a server.</summary>
    public void Terminate()
    {
        if (Kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Kills this process (SIGKILL, as <c>kill -9</c>), by its id, and not its children: a crash it cannot clean up after.</summary>
    public void Kill9() => _process.Kill(entireProcessTree: false);

    /// <summary>Sends SIGINT, as Ctrl+C on a terminal does.</summary>
    public void Interrupt()
    {
        if (Ignores(_process.Id, SigInt))
        {
            // A shell that starts a script in the background without job control ignores SIGINT for everything below it,
            // and an ignored signal stays ignored across exec: the program would never see this one, and the test would
            // wait out its time for an exit that cannot come.
            throw new InvalidOperationException(
                "SIGINT is ignored in the program under test, as in every process started in the background by a shell (nohup, &): "
                + "run the tests in the foreground.");
        }
        if (Kill(_process.Id, SigInt) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGINT) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    public string Transcript() =>
        $"stdout:\n  {string.Join("\n  ", _stdout)}\nstderr:\n  {string.Join("\n  ", _stderr)}";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(_generous);
        }
        _process.Dispose();
    }

    private void Collect(ConcurrentQueue<string> lines, string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
        }
        else
        {
            lines.Enqueue(line);
        }
        _newLine.Release();
    }

    /// <summary>Whether <paramref name="signal"/> is ignored in process <paramref name="pid"/> (Linux: its SigIgn mask); false where that cannot be read.</summary>
    private static bool Ignores(int pid, int signal)
    {
        string[] status;
        try
        {
            status = File.ReadAllLines($"/proc/{pid}/status");
        }
        catch (IOException)
        {
            return false;
        }
        var mask = status.FirstOrDefault(line => line.StartsWith("SigIgn:", StringComparison.Ordinal))?["SigIgn:".Length..].Trim();
        return mask is not null && ulong.TryParse(mask, System.Globalization.NumberStyles.HexNumber, null, out var ignored)
               && (ignored & (1UL << (signal - 1))) != 0;
    }

    private const int SigTerm = 15;
    private const int SigInt = 2;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>A finished run: exit code and the lines it printed.</summary>
public sealed record CliResult(int ExitCode, IReadOnlyList<string> Stdout, IReadOnlyList<string> Stderr)
{
    public string StderrText => string.Join("\n", Stderr);

    public override string ToString() =>
        $"exit {ExitCode}\nstdout:\n  {string.Join("\n  ", Stdout)}\nstderr:\n  {string.Join("\n  ", Stderr)}";
}
